import { expect } from 'vitest';
import { WidgetError } from '../../src/core/errors.ts';

/** The `WidgetError` `promise` rejects with: a test fails where it resolves, or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<WidgetError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WidgetError);
  return error as WidgetError;
}

/** The `config` `WidgetError` `run` throws: a test fails where it throws nothing, or anything else. */
export function configFailure(run: () => unknown): WidgetError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WidgetError);
  expect((caught as WidgetError).kind).toBe('config');
  return caught as WidgetError;
}
