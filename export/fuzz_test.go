package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

// FuzzReadCSV reads anything as a CSV of steps: it must never panic, and
// rows it accepts must make a document whose CSV reads back to as many
// rows. Seeds are in testdata/fuzz/FuzzReadCSV; run with
// go test ./export -run '^$' -fuzz FuzzReadCSV -fuzztime 2m.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("goal,date,amount,unit,effort_minutes,energy,note,learned\nwalk,2026-03-02,30,min,35,4,\"river, slow\",pace\n"))
	f.Add([]byte("Date,Goal,Amount\n2026-03-02,read,12\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV(bytes.NewReader(data), "f.csv")
		if err != nil {
			if stride.ErrorCode(err) != stride.EINVALID {
				t.Fatalf("a fault in the input is not EINVALID: %v", err)
			}
			return
		}
		doc, err := CSVBackup("f.csv", rows, nil, CSVOptions{CreateGoals: true})
		if err != nil {
			if stride.ErrorCode(err) != stride.EINVALID || !strings.HasPrefix(err.Error(), "f.csv line ") {
				t.Fatalf("CSVBackup: %v, want invalid naming the line", err)
			}
			return
		}
		n := 0
		for _, g := range doc.Goals {
			n += len(g.Steps)
			if err := g.Validate(); err != nil {
				t.Fatalf("goal %q made from the file is not valid: %v", g.Name, err)
			}
			for _, s := range g.Steps {
				c := *s
				if err := c.Validate(); err != nil {
					t.Fatalf("step of %q made from the file is not valid: %v", g.Name, err)
				}
			}
		}
		if n != len(rows) {
			t.Fatalf("%d rows made %d steps", len(rows), n)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, doc); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCSV(&buf, "again.csv")
		if err != nil || len(again) != len(rows) {
			t.Fatalf("written again and read: %d rows, %v; want %d", len(again), err, len(rows))
		}
	})
}
