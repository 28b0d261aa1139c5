-- Reverses 0011: `clocks` names every column with its stamp again, in a rowid table.
CREATE TEMP TABLE sync_rows_by_stamp AS SELECT * FROM sync_rows;
DROP TABLE sync_rows;
CREATE TABLE sync_rows (
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    clocks TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(clocks)),
    deleted_hlc TEXT,
    data TEXT CHECK (data IS NULL OR json_valid(data)),
    PRIMARY KEY (table_name, row_key)
) STRICT;
INSERT INTO sync_rows (table_name, row_key, clocks, deleted_hlc, data)
SELECT r.table_name, r.row_key,
    (SELECT COALESCE(json_group_object(c.value, s.key), '{}')
     FROM json_each(r.clocks) s, json_each(s.value) c),
    r.deleted_hlc, r.data
FROM temp.sync_rows_by_stamp r;
DROP TABLE temp.sync_rows_by_stamp;
