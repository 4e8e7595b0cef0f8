export * from './rational.js';
export * from './field.js';
export * from './matrix.js';
export * from './elimination.js';
export * from './inertia.js';
export * from './eigen.js';
export * from './random.js';
export * from './modular.js';
