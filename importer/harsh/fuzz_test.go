package harsh

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/strideapp/stride/importer"
)

func checkResult(t *testing.T, b *importer.Batch, err error) {
	t.Helper()
	if err != nil {
		var pe *importer.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *importer.ParseError", err, err)
		}
		return
	}
	if err := b.Validate(); err != nil {
		t.Fatalf("the batch does not validate: %v", err)
	}
	_ = b.Summary().String()
}

func read(f *testing.F, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}

// FuzzHabits feeds the habits file, with the sample log.
func FuzzHabits(f *testing.F) {
	log := read(f, "testdata/basic/log")
	f.Add(read(f, "testdata/basic/habits"))
	f.Add("! A\nx: 2/1w: 2025-01-01\n!B\ny: 0\nz 1\n")
	f.Fuzz(func(t *testing.T, habits string) {
		b, err := Parse(strings.NewReader(habits), strings.NewReader(log), today)
		checkResult(t, b, err)
	})
}

// FuzzLog feeds the log file, with the sample habits.
func FuzzLog(f *testing.F) {
	habits := read(f, "testdata/basic/habits")
	f.Add(read(f, "testdata/basic/log"))
	f.Add("2025-01-01 : Gym : y : a : b : 3\n2025-01-01 : Gym : s :  : \n# c\n")
	f.Fuzz(func(t *testing.T, log string) {
		b, err := Parse(strings.NewReader(habits), strings.NewReader(log), today)
		checkResult(t, b, err)
	})
}
