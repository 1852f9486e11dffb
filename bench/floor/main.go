// Command floor is the yardstick for stride's CLI benchmarks: the least a Go
// program can do to record one row durably in SQLite with the driver stride
// uses. It opens (creating if needed) a WAL database, inserts one row and
// exits.
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DBPATH")
		os.Exit(2)
	}
	db, err := sql.Open("sqlite", os.Args[1]+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate")
	if err == nil {
		_, err = db.Exec(`CREATE TABLE IF NOT EXISTS steps (id INTEGER PRIMARY KEY, day INTEGER NOT NULL, amount REAL NOT NULL)`)
	}
	if err == nil {
		_, err = db.Exec(`INSERT INTO steps (day, amount) VALUES ($1, $2)`, 20261122, 1.0)
	}
	if err == nil {
		err = db.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
