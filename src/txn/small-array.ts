/**
 * Appends `item` to an array that usually stays small (the keys a task touches, the intents it
 * holds). V8 gives an empty array 17 slots at its first push (152 bytes); a task's arrays hold one
 * or two items, so the first two appends build exact-size arrays instead (about a third of the
 * bytes per array, fewer young-generation collections). From the third item on it pushes.
 */
export function appendSmall<T> (array: T[] | undefined, item: T): T[] {
  if (array == null) {
    return [item]
  }
  if (array.length === 1) {
    return [array[0], item]
  }
  array.push(item)
  return array
}
