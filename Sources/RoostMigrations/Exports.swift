// Migration files only `import RoostMigrations`; the field types, on-delete rules and
// values they spell (`.text`, `.cascade`, `.string("")`) come from the ORM and the database
// layer, so those are re-exported.
@_exported public import RoostORM
