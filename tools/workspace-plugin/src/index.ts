export { featureGenerator } from './feature/feature.generator';
export { serviceGenerator } from './service/service.generator';
