export interface FeatureGeneratorSchema {
  project: string;
  name: string;
  titleVi: string;
  titleEn: string;
}
