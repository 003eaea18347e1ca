"""The encrypted local store (SQLCipher): schema, migrations, repositories, search."""
