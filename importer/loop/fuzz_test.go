package loop

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/strideapp/stride/importer"
)

// checkResult is what every fuzz target asserts: a parser either fails
// with a ParseError (never a panic, never another error) or returns a
// batch the stores accept.
func checkResult(t *testing.T, b *importer.Batch, err error) {
	t.Helper()
	if err != nil {
		var pe *importer.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *importer.ParseError", err, err)
		}
		if pe.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	if err := b.Validate(); err != nil {
		t.Fatalf("the batch does not validate: %v", err)
	}
	_ = b.Summary().String()
}

func seedFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzCSVZip feeds whole archives to ParseCSVZip.
func FuzzCSVZip(f *testing.F) {
	f.Add(zipDir(f, "testdata/csv-new"))
	f.Add(zipDir(f, "testdata/csv-old"))
	f.Add(zipFiles(f, map[string][]byte{"Habits.csv": []byte(habitsOne), "../x": nil}))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseCSVZip(bytes.NewReader(data), int64(len(data)), today)
		checkResult(t, b, err)
	})
}

// FuzzOldCSV feeds an older export's Habits.csv and one habit's headerless
// Checkmarks.csv, zipped together, so the fuzzer works on the text rather
// than on the zip format.
func FuzzOldCSV(f *testing.F) {
	habits, _ := os.ReadFile("testdata/csv-old/Habits.csv")
	wake, _ := os.ReadFile("testdata/csv-old/001 Wake up early/Checkmarks.csv")
	read, _ := os.ReadFile("testdata/csv-old/002 Read/Checkmarks.csv")
	f.Add(string(habits), string(wake))
	f.Add(string(habits), string(read))
	f.Add(HeaderOldest+"\n001,Walk,Did you walk?,3,7,#FF8F00\n", "2016-01-01,2\n2016-01-02,0\n")
	f.Fuzz(func(t *testing.T, habits, checks string) {
		b, err := parseZip(t, zipFiles(t, map[string][]byte{"Habits.csv": []byte(habits), "001 Habit/Checkmarks.csv": []byte(checks)}))
		checkResult(t, b, err)
	})
}

// FuzzHabitsCSV feeds Habits.csv of any layout.
func FuzzHabitsCSV(f *testing.F) {
	seedFiles(f, "testdata/csv-new/Habits.csv", "testdata/csv-old/Habits.csv")
	f.Add([]byte(HeaderOldest + "\n001,Walk,Did you walk?,1,1,#FF8F00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		habits, _, err := parseHabitsCSV(bytes.NewReader(data), "Habits.csv")
		if err != nil {
			checkResult(t, nil, err)
			return
		}
		b := &importer.Batch{Source: "loop-csv"}
		b, err = finish(b, habits, today)
		checkResult(t, b, err)
	})
}

// FuzzCheckmarks feeds a habit's Checkmarks.csv of the new layout, for a
// yes/no habit and for a numerical one in hours (so amounts convert).
func FuzzCheckmarks(f *testing.F) {
	seedFiles(f, "testdata/csv-new/001 Meditate/Checkmarks.csv", "testdata/csv-new/003 Run/Checkmarks.csv",
		"testdata/csv-new/004 Coffee/Checkmarks.csv")
	f.Add([]byte("Date,Value,Notes\n2025-01-01,YES_MANUAL,\"a, \"\"quoted\"\"\nnote\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, numerical := range []bool{false, true} {
			h := &habit{sourceID: "loop-csv:H", name: "H", freqNum: 3, freqDen: 7, numerical: numerical, unit: "hours", targetValue: 1.5,
				file: "001 H/Checkmarks.csv", valueField: "Value"}
			var err error
			h.entries, err = parseCheckmarks(bytes.NewReader(data), h.file, h)
			if err != nil {
				checkResult(t, nil, err)
				continue
			}
			b, err := finish(&importer.Batch{Source: "loop-csv"}, []*habit{h}, today)
			checkResult(t, b, err)
			if err == nil && strings.Contains(string(data), "Date,Value,Notes") && len(b.Goals) != 1 {
				t.Fatalf("%d goals", len(b.Goals))
			}
		}
	})
}
