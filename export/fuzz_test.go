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

// FuzzReadJSON reads anything as a backup: it must never panic, a fault
// is EINVALID naming the file, and a document it accepts writes and reads
// back to the same number of goals and steps. Run with
// go test ./export -run '^$' -fuzz FuzzReadJSON -fuzztime 2m.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"format":"stride-backup","version":1,"user":{"name":"ada","week_start":1},"goals":[{"name":"walk","unit":"min","direction":"at_least","target":{"amount":30,"unit":"min","per":"day","from":"2026-03-01","text":"30 min/day"},"targets":[{"amount":30,"unit":"min","per":"day","from":"2026-03-01","text":"30 min/day"}],"start":"2026-03-01","state":"active","total":30,"pauses":[{"from":"2026-03-05"}],"skips":["2026-03-03"],"steps":[{"goal_id":1,"date":"2026-03-02","amount":30,"note":"river"}]}],"lessons":[{"date":"2026-03-04","happened":"rain","themes":["weather"]}]}`))
	f.Add([]byte(`{"format":"stride-backup","version":1,"goals":[{"name":"x","steps":[{"date":"2026-02-30"}]}]}`))
	f.Add([]byte(`{"goals":[]}`))
	f.Add([]byte("{\n\"format\": 1\n}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadJSON(bytes.NewReader(data), "f.json")
		if err != nil {
			if stride.ErrorCode(err) != stride.EINVALID || !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("ReadJSON: %v, want invalid naming the file", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteJSON(&buf, doc); err != nil {
			t.Fatalf("WriteJSON of a document read: %v", err)
		}
		again, err := ReadJSON(&buf, "again.json")
		if err != nil {
			t.Fatalf("a document written does not read back: %v", err)
		}
		if len(again.Goals) != len(doc.Goals) {
			t.Fatalf("%d goals read back, want %d", len(again.Goals), len(doc.Goals))
		}
		for i, g := range doc.Goals {
			if g == nil || again.Goals[i] == nil {
				continue
			}
			if len(again.Goals[i].Steps) != len(g.Steps) {
				t.Fatalf("goal %d: %d steps read back, want %d", i, len(again.Goals[i].Steps), len(g.Steps))
			}
		}
	})
}
