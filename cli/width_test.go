package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestEightyColumns: every line stride prints fits 80 terminal cells, with
// goal names of the longest allowed and in wide characters (two cells
// each), long notes, and text without spaces to break at.
func TestEightyColumns(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("a long goal name ", 4)[:60]
	wide := "読書と散歩と瞑想の習慣をずっと続けるための目標です"
	h.ok("goal", "add", long, "--target", "30 min/day", "--start", "-20d", "--smallest-step", "put on shoes and walk five minutes around the block, twice")
	h.ok("goal", "add", wide, "--target", "20 pages/week", "--start", "-20d")
	for _, d := range []string{"-20d", "-9d", "-2d", "yesterday"} {
		h.ok("log", long, "25", "a note that is quite long, to see what happens when it wraps", "--date", d)
		h.ok("log", wide, "5", "長いメモをここに書いておきます、どうなるか見てみましょう", "--date", d)
	}
	h.ok("goal", "pause", wide, "--until", "2026-12-20")
	for _, args := range [][]string{
		{}, {"goal", "list", "--all"}, {"steps"}, {"steps", "--limit", "3"}, {"journal"},
		{"show", long}, {"why", long}, {"show", wide}, {"why", wide},
		{"log", long, "5", "another fairly long note for the log output line, here"},
		{"log", wide, "3", "長いメモ"}, {"focus", "list"}, {"lesson", "list"}, {"wins"}, {"review"},
		// Messages that name a goal or a day, with nothing to show.
		{"focus"}, {"journal", "--since", "today"}, {"skip", long, "--date", "-5d"}, {"unskip", long, "--date", "-5d"},
		{"goal", "edit", long, "--target", "35 min/day"}, {"goal", "resume", wide},
		{"step", "edit", "1", "--amount", "30"}, {"undo"}, {"step", "delete", "2"},
		{"goal", "done", long}, {"goal", "archive", wide},
	} {
		out, errOut, _ := h.run(args...)
		for _, line := range strings.Split(out+errOut, "\n") {
			if width(line) > lineWidth {
				t.Errorf("stride %s: a line of %d cells:\n%s", strings.Join(args, " "), width(line), line)
			}
		}
	}
}

// TestHelpEightyColumns: every command's --help fits 80 columns (cobra's
// own completion texts excepted).
func TestHelpEightyColumns(t *testing.T) {
	h := newHarness(t)
	seen := 0
	var walk func(path []string, cmd *cobra.Command)
	walk = func(path []string, cmd *cobra.Command) {
		if len(path) > 0 && path[0] == "completion" {
			return
		}
		seen++
		out, _, _ := h.run(append(path, "--help")...)
		for _, line := range strings.Split(out, "\n") {
			if width(line) > lineWidth {
				t.Errorf("stride %s --help: a line of %d cells:\n%s", strings.Join(path, " "), width(line), line)
			}
		}
		for _, sub := range cmd.Commands() {
			if !sub.Hidden {
				walk(append(append([]string{}, path...), sub.Name()), sub)
			}
		}
	}
	walk(nil, newApp(Env{Getenv: func(string) string { return "" }, Now: func() time.Time { return now }}).rootCommand(nil))
	if seen < 40 {
		t.Errorf("walked %d help pages, want every command's", seen)
	}
}
