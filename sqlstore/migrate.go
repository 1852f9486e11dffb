package sqlstore

import (
	"io/fs"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
)

// NewerSchema refuses a database whose schema version current is newer
// than latest, the newest this stride knows: writing to it would leave
// out what the newer version keeps (a column it added would take its
// default), so an older stride must not. It returns nil when current is
// latest.
func NewerSchema(current, latest int64) error {
	if current <= latest {
		return nil
	}
	return stride.Errorf(stride.EINVALID, "this database was brought up to date by a newer stride (its schema is version %d; this stride knows up to %d): use that version of stride, or a newer one, with it", current, latest)
}

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
