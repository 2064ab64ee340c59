#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call: refuses "text" as a string literal in SQL, so a
/// misspelt column name in double quotes is an error instead of a silent string.
static inline void csqlite_disable_double_quoted_strings(sqlite3 *db) {
#if SQLITE_VERSION_NUMBER >= 3029000
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (void *)0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (void *)0);
#endif
}

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: bound texts and blobs are copied by SQLite.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
