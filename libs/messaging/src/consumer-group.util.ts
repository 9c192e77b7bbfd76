/**
 * The one spelling of a consumer group id. A service's own group is `dx-<service>`: its committed offsets
 * are the service's progress, and a rebuild or a "is it running?" check must name exactly that group. A
 * reader of a service that must not share that progress (a digest, a rebuild, a reference follower) gets
 * `dx-<service>-<reader>`. Both live under the topic prefix, and the Kafka ACLs grant each principal its
 * groups by the `dx-<service>` prefix (infra/k8s/base/kafka/users.yaml).
 */
export function consumerGroupId(topicPrefix: string, service: string, reader?: string): string {
  return `${topicPrefix}dx-${service}${reader === undefined ? '' : `-${reader}`}`;
}
