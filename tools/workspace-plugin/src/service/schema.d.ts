export interface ServiceGeneratorSchema {
  name: string;
  port: number;
  titleVi: string;
  titleEn: string;
}
