package sqlstore

import (
	"io/fs"
	"strconv"
	"strings"
)

// LatestMigration returns the highest version among the goose files
// (NNNNN_name.sql) in dir of fsys, so a store can tell an up-to-date
// database with one query and skip goose on every open.
func LatestMigration(fsys fs.FS, dir string) (int64, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		if v, err := strconv.ParseInt(num, 10, 64); err == nil {
			latest = max(latest, v)
		}
	}
	return latest, nil
}
