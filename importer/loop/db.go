package loop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

const sqliteMagic = "SQLite format 3\x00"

const dayMillis = 86_400_000

// ParseDB reads Loop's SQLite backup at path, opened read-only and
// immutable so nothing is ever written to it: tables Habits and
// Repetitions, the latter holding only what the user entered (no
// YES_AUTO). Backups of any Loop version since 2016 read: columns added
// later (question, type, target, unit, uuid, notes) take Loop's own
// defaults when missing. today starts habits that have no entries. Faults
// come back as a *importer.ParseError naming the table, row id and column.
func ParseDB(ctx context.Context, path string, today stride.Date) (*importer.Batch, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > importer.MaxFileBytes {
		return nil, importer.Errorf(name, 0, "", "the file is %d MiB: stride imports files up to %d MiB", fi.Size()>>20, importer.MaxFileBytes>>20)
	}
	head := make([]byte, len(sqliteMagic))
	if f, err := os.Open(path); err != nil {
		return nil, err
	} else {
		_, err = f.Read(head)
		f.Close()
		if err != nil || string(head) != sqliteMagic {
			return nil, importer.Errorf(name, 0, "", "this is not a SQLite database, as Loop's backups are")
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// immutable: no lock, no journal, nothing written next to the file;
	// defensive and query_only keep a crafted schema from changing anything.
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() +
		"?mode=ro&immutable=1&_defensive=1&_pragma=query_only(1)&_pragma=trusted_schema(0)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	r := &dbReader{db: db, file: name}
	habits, err := r.habits(ctx)
	if err != nil {
		return nil, err
	}
	b := &importer.Batch{Source: "loop-db"}
	if err := r.repetitions(ctx, b, habits); err != nil {
		return nil, err
	}
	list := make([]*habit, 0, len(habits))
	for _, h := range r.order {
		list = append(list, habits[h])
	}
	return finish(b, list, today)
}

type dbReader struct {
	db    *sql.DB
	file  string
	order []int64 // habit ids by position
}

func (r *dbReader) errorf(table string, row int64, field, format string, args ...any) *importer.ParseError {
	return &importer.ParseError{File: r.file, Table: table, Line: int(min(row, math.MaxInt32)), Field: field, Msg: fmt.Sprintf(format, args...)}
}

// columns returns the lower-cased columns of table, or an error naming the
// table when it is missing or is not a table (a view could run any query).
func (r *dbReader) columns(ctx context.Context, table string) (map[string]bool, error) {
	var typ string
	err := r.db.QueryRowContext(ctx, `SELECT type FROM sqlite_master WHERE lower(name) = lower($1) AND type IN ('table', 'view')`, table).Scan(&typ)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, r.errorf("", 0, "", "there is no table %s: is this a Loop Habit Tracker backup?", table)
	} else if err != nil {
		return nil, r.errorf("", 0, "", "the database cannot be read: %v", err)
	}
	if typ != "table" {
		return nil, r.errorf(table, 0, "", "%s is a %s, not a table", table, typ)
	}
	rows, err := r.db.QueryContext(ctx, `SELECT name FROM pragma_table_info($1)`, table)
	if err != nil {
		return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
		}
		cols[strings.ToLower(c)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	return cols, nil
}

// selectList returns the columns wanted, each the column itself when the
// table has it, else Loop's default for it.
func selectList(cols map[string]bool, want [][2]string) string {
	var s []string
	for _, w := range want {
		if cols[w[0]] {
			s = append(s, `"`+w[0]+`"`)
		} else {
			s = append(s, w[1])
		}
	}
	return strings.Join(s, ", ")
}

func (r *dbReader) habits(ctx context.Context) (map[int64]*habit, error) {
	const table = "Habits"
	cols, err := r.columns(ctx, table)
	if err != nil {
		return nil, err
	}
	for _, c := range []string{"id", "name", "freq_num", "freq_den"} {
		if !cols[c] {
			return nil, r.errorf(table, 0, c, "the column is missing: is this a Loop Habit Tracker backup?")
		}
	}
	var n int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM Habits`).Scan(&n); err != nil {
		return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	if n > importer.MaxGoals {
		return nil, r.errorf(table, 0, "", "there are %d habits, more than the %d stride imports at once", n, importer.MaxGoals)
	}
	// Before Loop's version 23 the question was kept in description.
	question, description := `"question"`, `"description"`
	if !cols["question"] {
		question, description = `"description"`, `''`
	}
	if !cols["description"] {
		description = `''`
		if !cols["question"] {
			question = `''`
		}
	}
	q := `SELECT id, name, freq_num, freq_den, ` + question + `, ` + description + `, ` +
		selectList(cols, [][2]string{{"type", "0"}, {"target_type", "0"}, {"target_value", "0"}, {"unit", "''"},
			{"archived", "0"}, {"position", "0"}, {"uuid", "''"}}) +
		` FROM Habits ORDER BY 12, 1` // by position, then id
	rows, err := r.db.QueryContext(ctx, q)
	if err != nil {
		return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	defer rows.Close()
	habits := map[int64]*habit{}
	uuids := map[string]int64{}
	for rows.Next() {
		v := make([]any, 13)
		p := make([]any, len(v))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
		}
		id, ok := asInt(v[0])
		if !ok {
			return nil, r.errorf(table, 0, "id", "a habit has the id %v, not a whole number", v[0])
		}
		fail := func(field, format string, args ...any) error {
			e := r.errorf(table, id, field, format, args...)
			e.Habit = asString(v[1])
			return e
		}
		h := &habit{name: asString(v[1]), question: asString(v[4]), description: asString(v[5]), unit: asString(v[9]),
			file: r.file, table: "Repetitions", valueField: "value"}
		for i, f := range []struct {
			name string
			dst  *int
		}{{"freq_num", &h.freqNum}, {"freq_den", &h.freqDen}} {
			n, ok := asInt(v[2+i])
			if !ok || n < 1 || n > 1_000_000 {
				return nil, fail(f.name, "%v is not a whole number from 1 to 1000000", v[2+i])
			}
			*f.dst = int(n)
		}
		if h.freqNum == h.freqDen { // as Loop's Frequency does
			h.freqNum, h.freqDen = 1, 1
		}
		t, ok := flag(v[6])
		if !ok {
			return nil, fail("type", "%v is not 0 (yes/no) or 1 (numerical)", v[6])
		}
		h.numerical = t
		if h.numerical {
			if h.atMost, ok = flag(v[7]); !ok {
				return nil, fail("target_type", "%v is not 0 (at least) or 1 (at most)", v[7])
			}
			tv, ok := asFloat(v[8])
			if !ok || math.IsNaN(tv) || tv < 0 || tv > 1e9 {
				return nil, fail("target_value", "%v is not a number from 0 to 1e9", v[8])
			}
			h.targetValue = tv
		}
		if h.archived, ok = flag(v[10]); !ok {
			return nil, fail("archived", "%v is not 0 or 1", v[10])
		}
		pos, _ := asInt(v[11])
		h.position = int(max(min(pos, math.MaxInt32), math.MinInt32))
		// The uuid (Loop's version 24 on) is what Loop's own import matches
		// habits by; older backups have only the row id.
		h.sourceID = "loop-db:id:" + strconv.FormatInt(id, 10)
		if u := strings.TrimSpace(asString(v[12])); u != "" {
			if other, dup := uuids[u]; dup {
				return nil, fail("uuid", "habit %d has the same uuid %q", other, u)
			}
			uuids[u] = id
			h.sourceID = "loop:uuid:" + u
		}
		if _, dup := habits[id]; dup {
			return nil, fail("id", "two habits have the id %d", id)
		}
		habits[id] = h
		r.order = append(r.order, id)
	}
	if err := rows.Err(); err != nil {
		return nil, r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	return habits, nil
}

func (r *dbReader) repetitions(ctx context.Context, b *importer.Batch, habits map[int64]*habit) error {
	const table = "Repetitions"
	cols, err := r.columns(ctx, table)
	if err != nil {
		return err
	}
	for _, c := range []string{"habit", "timestamp"} {
		if !cols[c] {
			return r.errorf(table, 0, c, "the column is missing: is this a Loop Habit Tracker backup?")
		}
	}
	var n int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM Repetitions`).Scan(&n); err != nil {
		return r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	if n > importer.MaxSteps {
		return r.errorf(table, 0, "", "there are %d entries, more than the %d stride imports at once", n, importer.MaxSteps)
	}
	// Before Loop's version 16 every repetition was a check (value 2).
	id := "rowid"
	if cols["id"] {
		id = `"id"`
	}
	q := `SELECT ` + id + `, habit, timestamp, ` + selectList(cols, [][2]string{{"value", "2"}, {"notes", "''"}}) +
		` FROM Repetitions ORDER BY habit, timestamp, 1`
	rows, err := r.db.QueryContext(ctx, q)
	if err != nil {
		return r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	defer rows.Close()
	orphans, dups := 0, 0
	type key struct {
		habit int64
		day   stride.Date
	}
	seen := map[key]bool{}
	for rows.Next() {
		v := make([]any, 5)
		if err := rows.Scan(&v[0], &v[1], &v[2], &v[3], &v[4]); err != nil {
			return r.errorf(table, 0, "", "the table cannot be read: %v", err)
		}
		rowID, _ := asInt(v[0])
		hid, ok := asInt(v[1])
		h := habits[hid]
		if !ok || h == nil {
			orphans++ // Loop's own migration deletes these
			continue
		}
		fail := func(field, format string, args ...any) error {
			e := r.errorf(table, rowID, field, format, args...)
			e.Habit = h.name
			return e
		}
		ts, ok := asInt(v[2])
		if !ok || ts < 0 {
			return fail("timestamp", "%v is not a time in milliseconds since 1970", v[2])
		}
		day := stride.Date(ts / dayMillis)
		if importer.CheckDay(day) != nil || ts/dayMillis > math.MaxInt32 {
			return fail("timestamp", "%d is a day outside %s to %s", ts, importer.FirstDay, importer.LastDay)
		}
		val, ok := asInt(v[3])
		if !ok {
			return fail("value", "%v is not a whole number", v[3])
		}
		if seen[key{hid, day}] {
			dups++ // Loop keeps the first since its version 22
			continue
		}
		seen[key{hid, day}] = true
		h.entries = append(h.entries, entry{day: day, value: val, notes: asString(v[4]), line: int(min(rowID, math.MaxInt32))})
	}
	if err := rows.Err(); err != nil {
		return r.errorf(table, 0, "", "the table cannot be read: %v", err)
	}
	if orphans > 0 {
		b.AddProblem("%s: %d repetitions belong to no habit: not imported", table, orphans)
	}
	if dups > 0 {
		b.AddProblem("%s: %d repetitions repeat a day of their habit: the first of each day is imported", table, dups)
	}
	return nil
}

// flag reads a 0/1 column; NULL is 0, as Loop's defaults are.
func flag(v any) (bool, bool) {
	if v == nil {
		return false, true
	}
	n, ok := asInt(v)
	return n == 1, ok && (n == 0 || n == 1)
}

// asInt reads an integer column; SQLite may hold any type in any column.
func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	case []byte:
		n, err := strconv.ParseInt(strings.TrimSpace(string(x)), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func asString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}
