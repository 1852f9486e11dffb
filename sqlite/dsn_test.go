package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// TestDurableCommits checks the synchronous level each Open asks for:
// NORMAL (1) by default, FULL (2) with WithDurableCommits.
func TestDurableCommits(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []Option
		want int
	}{
		{"default", nil, 1},
		{"durable", []Option{WithDurableCommits()}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "stride.db"), newOptions(tt.opts)))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var got int
			if err := db.QueryRow(`PRAGMA synchronous`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("synchronous = %d, want %d", got, tt.want)
			}
		})
	}
}
