// One bundle of the data layer and the config contract for the data tests, so that error
// classes such as DataError are the same object in every module a test touches.
export * from '../../../trainer/util/seededRandom';
export * from '../../../trainer/data/dataset';
export * from '../../../trainer/data/idx';
export * from '../../../trainer/data/mnistFiles';
export * from '../../../trainer/data/npy';
export * from '../../../trainer/data/npyHeader';
export * from '../../../trainer/data/npyDataset';
export * from '../../../trainer/data/cgMnist';
export * from '../../../trainer/data/synthetic';
export * from '../../../trainer/data/subset';
export * from '../../../trainer/data/batches';
export * from '../../../trainer/data/loadDataset';
export * from '../../../trainer/contract/validateConfig';
export * from '../../../trainer/contract/datasetModalities';
