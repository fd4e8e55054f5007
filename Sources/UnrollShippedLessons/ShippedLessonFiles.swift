/// The lessons and models shipped with Unroll, compiled into the binary.
///
/// The table itself (`base64`) is generated at build time from the repository's `lessons/` folder by
/// the `EmbedLessons` plugin, so `lessons/` stays the one source of truth and an installed `unroll`
/// needs nothing beside it. This module holds data only: `UnrollLessons` reads it as a file tree.
public enum ShippedLessonFiles {}
