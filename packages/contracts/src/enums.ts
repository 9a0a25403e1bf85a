// Enumerations the API shares. The values live once in core, which computes with them (palettes
// read the polarity, the catalogue orders the Lebenslagen); here they become zod schemas, and the
// server's bodies and answers and the web's types take them from these schemas.
import { DIMENSIONS, POINT_DIMENSIONS, POLARITIES } from '@sozialraum/core';
import { z } from 'zod';

/** Lebenslage of an indicator (core DIMENSIONS). */
export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.output<typeof dimensionSchema>;

/** Lebenslagen an imported count of facilities may belong to (all but the composite social index). */
export const pointDimensionSchema = z.enum(POINT_DIMENSIONS);

/** Whether more of an indicator is better, worse or neither (core POLARITIES). */
export const polaritySchema = z.enum(POLARITIES);
export type Polarity = z.output<typeof polaritySchema>;
