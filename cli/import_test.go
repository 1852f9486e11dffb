package cli

import (
	"archive/zip"
	"database/sql"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// The samples of testdata/import are written from the formats'
// descriptions (docs/formats.md): a spreadsheet of steps, a Loop Habit
// Tracker CSV export (zipped by loopZip) and backup (loop-db.sql, built
// by loopDB), and a harsh folder. Outputs are golden files beside them.

// importGolden compares out with testdata/import/NAME.
func importGolden(t *testing.T, name, out string) {
	t.Helper()
	checkWidth(t, name, out)
	golden(t, filepath.Join("import", name), out)
}

// tmpPath blanks the test's temporary folder in output.
func (h *harness) tmpPath(s string) string {
	return strings.ReplaceAll(s, filepath.Dir(h.db), "TMP")
}

// loopZip zips testdata/import/loop-csv as Loop's CSV export does.
func loopZip(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Loop Habits CSV 2026-11-21.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	root := filepath.Join("testdata", "import", "loop-csv")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// loopDB builds Loop's SQLite backup from testdata/import/loop-db.sql.
func loopDB(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "import", "loop-db.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Loop Habits Backup 2026-11-21 081500.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(string(src)); err != nil {
		t.Fatalf("build the Loop backup: %v", err)
	}
	return path
}

func sample(name string) string { return filepath.Join("testdata", "import", name) }

// nothingWritten checks that the harness's database holds no goal, step
// or record: what a failed import must leave.
func (h *harness) nothingWritten(what string) {
	h.t.Helper()
	out := h.ok("export", "json")
	var doc struct {
		Goals, Lessons, Doubts, Focus, Works, Reviews []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		h.t.Fatal(err)
	}
	if n := len(doc.Goals) + len(doc.Lessons) + len(doc.Doubts) + len(doc.Focus) + len(doc.Works) + len(doc.Reviews); n != 0 {
		h.t.Errorf("%s wrote %d records", what, n)
	}
}

func TestImportJSONRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("lesson", "add", "--for", "walk", "--happened", "rain all week", "--next", "walk at lunch", "--theme", "weather")
	backup := filepath.Join(t.TempDir(), "backup.json")
	h.ok("export", "json", "--out", backup)

	fresh := newHarness(t)
	out, errOut, code := fresh.run("import", "json", backup, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut)
	}
	importGolden(t, "json-dry-run.txt", strings.ReplaceAll(out, backup, "backup.json"))
	fresh.nothingWritten("a dry run")
	// with --db, the command it suggests names the same database
	other := filepath.Join(t.TempDir(), "other.db")
	if out := fresh.ok("--db", other, "import", "json", backup, "--dry-run"); !strings.Contains(out, "To import it: stride --db "+other+" import json") {
		t.Errorf("dry run with --db suggests:\n%s", out)
	}

	out = fresh.ok("import", "json", backup)
	importGolden(t, "json.txt", strings.ReplaceAll(out, backup, "backup.json"))
	out = fresh.ok("import", "json", backup)
	if !strings.Contains(out, "Nothing new: everything in it is here already.") {
		t.Errorf("a second import:\n%s", out)
	}
	for _, args := range [][]string{{"export", "csv"}, {"export", "markdown"}, {"status"}, {"goal", "list", "--all"}, {"lesson", "list"}} {
		if a, b := h.ok(args...), fresh.ok(args...); a != b {
			t.Errorf("stride %s differs after a round trip:\nbefore:\n%s\nafter:\n%s", strings.Join(args, " "), a, b)
		}
	}
}

func TestImportCSV(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "walk", "--target", "30 min/day", "--start", "2026-10-01")
	out, errOut, code := h.run("import", "csv", sample("steps.csv"))
	if code != ExitUsage || !strings.Contains(oneLine(errOut), `steps.csv line 4, field goal: you have no goal named "read"`) ||
		!strings.Contains(oneLine(errOut), `stride goal add read --target "24 pages/day"`) {
		t.Errorf("a goal the user lacks: exit %d, stderr %q; want 2 and the line, the field and how to add it", code, errOut)
	}
	if out != "" || h.ok("steps") != "" {
		t.Errorf("a failed import printed or wrote: %q", out)
	}
	out = h.ok("import", "csv", sample("steps.csv"), "--create-goals", "--dry-run")
	importGolden(t, "csv-dry-run.txt", out)
	out = h.ok("import", "csv", sample("steps.csv"), "--create-goals")
	importGolden(t, "csv.txt", out)
	importGolden(t, "csv-goals.txt", h.ok("goal", "list"))
	importGolden(t, "csv-journal.txt", h.ok("journal", "--since", "2026-11-01"))
	out = h.ok("import", "csv", sample("steps.csv"))
	if !strings.Contains(out, "Nothing new") {
		t.Errorf("the same CSV again:\n%s", out)
	}
	// What stride writes, it reads: the export of these steps imports
	// into a fresh account as the same steps.
	csvOut := filepath.Join(t.TempDir(), "out.csv")
	h.ok("export", "csv", "--out", csvOut)
	fresh := newHarness(t)
	fresh.ok("import", "csv", csvOut, "--create-goals")
	if a, b := h.ok("steps", "--since", "2026-10-01"), fresh.ok("steps", "--since", "2026-10-01"); a != b {
		t.Errorf("steps after export csv and import csv:\n%s\nwant\n%s", b, a)
	}
}

func TestImportLoop(t *testing.T) {
	h := newHarness(t)
	zip := loopZip(t)
	out := h.ok("import", "loop", zip, "--dry-run")
	h.nothingWritten("a dry run")
	importGolden(t, "loop-csv-dry-run.txt", h.tmpPath(strings.ReplaceAll(out, zip, "Loop.zip")))
	out = h.ok("import", "loop", zip)
	importGolden(t, "loop-csv.txt", strings.ReplaceAll(out, zip, "Loop.zip"))
	importGolden(t, "loop-csv-goals.txt", h.ok("goal", "list", "--all"))
	if out := h.ok("import", "loop", zip); !strings.Contains(out, "Nothing new") {
		t.Errorf("the same Loop export again:\n%s", out)
	}

	db := loopDB(t)
	out = h.ok("import", "loop", db)
	importGolden(t, "loop-db.txt", strings.ReplaceAll(out, db, "Loop.db"))
	importGolden(t, "loop-db-show.txt", h.ok("show", "run"))
	out, errOut, code := h.run("import", "loop", db, "--json")
	var rep importReport
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Source != "loop-db" || rep.Summary.Steps != 0 || rep.Summary.Existing != 11 {
		t.Errorf("the Loop backup again, as JSON: exit %d %s\n%s", code, errOut, out)
	}
}

func TestImportHarsh(t *testing.T) {
	h := newHarness(t)
	dir := sample("harsh")
	out := h.ok("import", "harsh", dir)
	importGolden(t, "harsh.txt", out)
	importGolden(t, "harsh-goals.txt", h.ok("goal", "list", "--all"))
	if out := h.ok("import", "harsh", filepath.Join(dir, "log")); !strings.Contains(out, "Nothing new") {
		t.Errorf("harsh again, naming its log file:\n%s", out)
	}
}

// TestImportFaults feeds broken files: each exits 2 with a message naming
// the file, the line and the field, and writes nothing.
func TestImportFaults(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	harshDir := func(name, habits, log string) string {
		write(name+"/habits", habits)
		return filepath.Dir(write(name+"/log", log))
	}
	zipOf := func(name string, files map[string]string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(f)
		for n, c := range files {
			w, _ := zw.Create(n)
			w.Write([]byte(c))
		}
		zw.Close()
		f.Close()
		return p
	}
	habits, _ := os.ReadFile(sample("loop-csv/Habits.csv"))
	for _, c := range []struct {
		name string
		args []string
		says *regexp.Regexp
	}{
		{"json syntax", []string{"json", write("b1.json", "{\n  \"format\": \"stride-backup\",\n  \"goals\": [\n    {\"name\": \"walk\",}\n  ]\n}\n")},
			regexp.MustCompile(`b1\.json line 4: the JSON is not valid`)},
		{"json bad step", []string{"json", write("b2.json", `{"format": "stride-backup", "version": 1, "goals": [
  {"id": 3, "name": "Run", "unit": "km", "start": "2026-11-01", "targets": [{"amount": 5, "unit": "km", "per": "week"}],
   "steps": [{"id": 11, "date": "2026-11-02", "amount": 3}, {"id": 12, "date": "2026-11-03", "amount": -1}]}]}`)},
			regexp.MustCompile(`goal 3 "Run", step 12: amount must be more than 0`)},
		{"json wrong type", []string{"json", write("b3.json", "{\"format\": \"stride-backup\",\n\"version\": 1,\n\"goals\": [{\"name\": 5}]}")},
			regexp.MustCompile(`b3\.json line 3, field goals\.name: number is not what the field holds`)},
		{"json newer", []string{"json", write("b4.json", `{"format": "stride-backup", "version": 7}`)}, regexp.MustCompile(`backup version 7`)},
		{"json missing", []string{"json", filepath.Join(dir, "none.json")}, regexp.MustCompile(`cannot read .*none\.json: no such file`)},
		{"json folder", []string{"json", dir}, regexp.MustCompile(`is a folder: name the file to import`)},
		{"csv date", []string{"csv", write("s.csv", "goal,date,amount\nwalk,2026-11-01,5\nwalk,2026-11-02,5\nwalk,2026-11-31,5\n"), "--create-goals"},
			regexp.MustCompile(`s\.csv line 4, field date: "2026-11-31" is not a date`)},
		{"csv amount", []string{"csv", write("s2.csv", "goal,date,amount,unit\nwalk,2026-11-01,30,min\nwalk,2026-11-02,lots,min\n"), "--create-goals"},
			regexp.MustCompile(`s2\.csv line 3, field amount: amount "lots" is not a duration`)},
		{"loop value", []string{"loop", zipOf("Loop bad.zip", map[string]string{"Habits.csv": string(habits),
			"001 Stretch/Checkmarks.csv": "Date,Value,Notes\n2026-11-20,YES_MANUAL,\n2026-11-19,MAYBE,\n"})},
			regexp.MustCompile(`001 Stretch/Checkmarks\.csv \(habit "Stretch"\) line 3, field Value: "MAYBE"`)},
		{"loop traversal", []string{"loop", zipOf("Loop evil.zip", map[string]string{"Habits.csv": string(habits), "../../etc/passwd": "x"})},
			regexp.MustCompile(`climbs out of the archive`)},
		{"loop neither", []string{"loop", write("notes.txt", "just text")}, regexp.MustCompile(`neither a Loop CSV export`)},
		{"harsh frequency", []string{"harsh", harshDir("h", "Gym: 3x\n", "")},
			regexp.MustCompile(`habits \(habit "Gym"\) line 1, field frequency: "3x"`)},
		{"harsh log date", []string{"harsh", harshDir("h2", "Gym: 1\n", "2026-11-40 : Gym : y :  : \n")},
			regexp.MustCompile(`log line 1, field date: "2026-11-40" is not a date`)},
		{"format", []string{"notion", write("x", "")}, regexp.MustCompile(`import "notion" is not a format stride reads`)},
		{"create goals elsewhere", []string{"json", write("b5.json", "{}"), "--create-goals"}, regexp.MustCompile(`--create-goals is for csv`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			out, errOut, code := h.run(append([]string{"import"}, c.args...)...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, ExitUsage, errOut)
			}
			if !c.says.MatchString(oneLine(errOut)) || out != "" {
				t.Errorf("stdout %q, stderr %q; want nothing on stdout and %s", out, errOut, c.says)
			}
			h.nothingWritten(c.name)
		})
	}
	// A conflict: a goal of the same name that counts another way.
	h := newHarness(t)
	h.ok("goal", "add", "read", "--target", "daily")
	_, errOut, code := h.run("import", "csv", sample("steps.csv"), "--create-goals")
	if code != ExitUsage || !strings.Contains(oneLine(errOut), `steps.csv line 4, field amount: amount "24" is not a number`) &&
		!strings.Contains(oneLine(errOut), `field unit: "pages" is not the unit of goal "read"`) {
		t.Errorf("pages into a check goal: exit %d, %q", code, errOut)
	}
}

func TestExport(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("lesson", "add", "--for", "walk", "--date", "2026-11-16", "--happened", "rain all week", "--next", "walk at lunch", "--theme", "weather")
	h.ok("focus", "plan the week", "--date", "2026-11-16")
	for _, c := range []struct{ name, format string }{{"export.json", "json"}, {"export.csv", "csv"}, {"export.md", "markdown"}} {
		t.Run(c.name, func(t *testing.T) {
			out := h.ok("export", c.format)
			golden(t, filepath.Join("import", c.name), unstamp(out))
		})
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := h.run("export", "json", "--out", path)
	b, err := os.ReadFile(path)
	if code != 0 || err != nil || out != "" || string(b) != h.ok("export", "json") ||
		!strings.HasPrefix(errOut, "Wrote "+path+": 4 goals, 22 steps, 2 reflection records.") {
		t.Errorf("export --out: exit %d, stdout %q, stderr %q, file of %d bytes", code, out, errOut, len(b))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup file: %v %v, want readable by its owner only", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("export --out left %d files in its folder, want the backup alone", len(entries))
	}
	_, errOut, code = h.run("export", "json", "--out", filepath.Join(t.TempDir(), "no", "such", "dir", "b.json"))
	if code == 0 || !strings.Contains(errOut, "cannot write in") {
		t.Errorf("export into a missing folder: exit %d, %q", code, errOut)
	}
	for _, cmd := range []string{"export", "import"} {
		checkWidth(t, cmd+" --help", h.ok(cmd, "--help"))
	}
	_, errOut, code = h.run("export", "xml")
	if code != ExitUsage || !strings.Contains(errOut, `export "xml" is not a format`) {
		t.Errorf("export xml: exit %d, %q", code, errOut)
	}
}

// TestImportRemote imports through a stride server (the API client): the
// file is read here, the document written there, with the same output.
func TestImportRemote(t *testing.T) {
	s := newServer(t)
	h := remoteHarness(t, s)
	local := newHarness(t)
	zip := loopZip(t)
	out := h.ok("import", "loop", zip)
	if want := local.ok("import", "loop", zip); out != want {
		t.Errorf("import through a server:\n%s\nwant as locally:\n%s", out, want)
	}
	if out := h.ok("import", "loop", zip); !strings.Contains(out, "Nothing new") {
		t.Errorf("again through a server:\n%s", out)
	}
	for _, args := range [][]string{{"export", "csv"}, {"export", "markdown"}, {"goal", "list", "--all"}} {
		if a, b := h.ok(args...), local.ok(args...); a != b {
			t.Errorf("stride %s through a server:\n%s\nwant as locally:\n%s", strings.Join(args, " "), a, b)
		}
	}
	backup := filepath.Join(t.TempDir(), "b.json")
	h.ok("export", "json", "--out", backup)
	fresh := newHarness(t)
	fresh.ok("import", "json", backup)
	if a, b := h.ok("export", "csv"), fresh.ok("export", "csv"); a != b {
		t.Errorf("a server's backup restored locally:\n%s\nwant\n%s", b, a)
	}
}

// TestImportConflictNamesTheCommand: a backup's goal that has the name of
// one of yours counting another way is refused with what to do, and the
// command that renames yours (the store names none), locally and through
// a server alike.
func TestImportConflictNamesTheCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "walks.json")
	doc := `{"format": "stride-backup", "version": 1, "goals": [{"id": 1, "name": "Walk", "unit": "km", "start": "2026-11-02",
		"targets": [{"from": "2026-11-02", "amount": 3, "unit": "km", "per": "week"}],
		"steps": [{"id": 1, "date": "2026-11-03", "amount": 2.5}]}]}`
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	want := `goal 1 "Walk" counts km, but your goal "walk" counts min: rename your goal or the goal in the file, then import again. ` +
		`To rename yours: stride goal edit walk --name 'walk (before import)'`
	for name, h := range map[string]*harness{"local": newHarness(t), "remote": remoteHarness(t, newServer(t))} {
		h.ok("goal", "add", "walk", "--target", "30 min/day")
		out, errOut, code := h.run("import", "json", file)
		if code != ExitError || out != "" || !strings.Contains(oneLine(errOut), want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d saying %q", name, code, out, errOut, ExitError, want)
		}
		if steps := h.ok("steps", "--json"); strings.Contains(steps, "2.5") {
			t.Errorf("%s: the conflicting file was imported: %s", name, steps)
		}
	}
}
