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
	// Sub-goals, two levels deep, under a long name and under a paused wide one.
	sub := "a sub-goal " + long[:49]
	h.ok("goal", "add", sub, "--target", "daily", "--parent", long, "--start", "-20d", "--smallest-step", long)
	h.ok("goal", "add", "x"+sub[1:], "--target", "daily", "--parent", sub, "--start", "-20d")
	h.ok("goal", "add", "毎日の散歩を少しずつ長くするための小さな目標です", "--target", "daily", "--parent", wide, "--start", "-20d")
	// a weekly limit's days say their window and the limit: long lines
	h.ok("goal", "add", "drinks", "--target", "at most 10 glasses/week", "--start", "-20d")
	for _, d := range []string{"-12d", "-9d", "-3d", "yesterday", "today"} {
		h.ok("log", "drinks", "4.25", "--date", d)
	}
	for _, args := range [][]string{
		{}, {"goal", "list", "--all"}, {"steps"}, {"steps", "--limit", "3"}, {"journal"},
		{"show", long}, {"why", long}, {"show", wide}, {"why", wide}, {"show", "drinks"}, {"why", "drinks"},
		{"log", long, "5", "another fairly long note for the log output line, here"},
		{"log", wide, "3", "長いメモ"}, {"focus", "list"}, {"lesson", "list"}, {"wins"}, {"review"},
		// Messages that name a goal or a day, with nothing to show.
		{"focus"}, {"journal", "--since", "today"}, {"skip", long, "--date", "-5d"}, {"unskip", long, "--date", "-5d"},
		{"goal", "edit", long, "--target", "35 min/day"}, {"goal", "resume", wide},
		{"step", "edit", "1", "--amount", "30"}, {"undo"}, {"step", "delete", "2"},
		{"show", sub}, {"goal", "list"},
		{"goal", "done", long}, {"goal", "archive", wide}, {}, {"goal", "delete", long, "--yes"},
	} {
		out, errOut, _ := h.run(args...)
		checkLines(t, args, out+errOut, "")
		if len(args) > 0 && args[0] == "why" && strings.Contains(out, "…") {
			t.Errorf("stride why %s cuts a line short, losing its credit and change:\n%s", args[1], out)
		}
	}

	// Messages that end with a command to run: the command sits whole on a
	// line of its own when it fits one (else it starts one), and prose is
	// never set apart as if it were a command.
	longer := "another " + long[:52]
	wider := "毎朝の読書と散歩と瞑想をずっと続けるための目標"
	work := "my long work name"
	theme := strings.Repeat("朝", 20)
	for _, c := range []struct {
		args []string
		cmd  string // a command the output ends with
	}{
		{[]string{"goal", "add", longer, "--target", "30 min/day", "--why", strings.Repeat("to think clearly ", 8)},
			"stride log '" + longer + "' 3"},
		{[]string{"goal", "add", wider, "--target", "20 pages/week", "--smallest-step", strings.Repeat("二ページ読む", 12)},
			"stride log " + shellQuote(wider) + " 1"},
		{[]string{"goal", "add", "walk", "--target", "daily"}, ""},
		{[]string{"goal", "add", "WALK", "--target", "daily"}, "stride goal edit WALK --target RATE"},
		{[]string{"goal", "add", longer, "--target", "daily"}, "stride goal edit '" + longer + "' --target RATE"},
		{[]string{"goal", "add", wider, "--target", "daily"}, "stride goal edit " + shellQuote(wider) + " --target RATE"},
		{[]string{"log", longer, "5", "--request-id", "abc"}, ""},
		{[]string{"log", longer, "5", "--request-id", "abc"}, ""},
		{[]string{"log", wider, "5", "--request-id", strings.Repeat("r", 120)}, ""},
		{[]string{"log", wider, "5", "--request-id", strings.Repeat("r", 120)}, ""},
		{[]string{"lesson", "add", "--happened", "x"}, ""},
		{[]string{"lesson", "add", "--wanted", "x"}, ""},
		{[]string{"lesson", "add", "--for", longer, "--options", "x", "--next", strings.Repeat("try again ", 10), "--theme", theme}, ""},
		{[]string{"lesson", "add", "--for", wider, "--next", "y", "--theme", theme}, ""},
		{[]string{"lesson", "add"}, ""},
		{[]string{"lesson", "show", "12345678901234567890"}, ""},
		{[]string{"doubt", "add", "x"}, "stride doubt edit 1 --against TEXT"},
		{[]string{"doubt", "add", strings.Repeat("I am not a runner and never will be ", 3)}, "stride doubt edit 2 --against TEXT"},
		{[]string{"doubt", "add"}, "stride doubt add TEXT... [--against T] [--reframe T]"},
		{[]string{"doubt", "revisit", "1"}, ""},
		{[]string{"work", "add", work}, "stride work iterate '" + work + "' \"first draft\""},
		{[]string{"work", "add", work}, "stride work show '" + work + "'"},
		{[]string{"work", "add", longer, "--for", wider}, "stride work iterate '" + longer + "' \"first draft\""},
		{[]string{"work", "add", wider, "--for", longer}, "stride work iterate " + shellQuote(wider) + " \"first draft\""},
		{[]string{"work", "add", longer}, "stride work show '" + longer + "'"},
		{[]string{"work", "show", wider}, "stride work iterate " + shellQuote(wider) + " \"first draft\""},
		{[]string{"work", "iterate", "essay"}, "stride work iterate NAME WHAT_CHANGED... [--feedback T] [--effort DUR]"},
		{[]string{"work", "iterate", longer}, "stride work iterate NAME WHAT_CHANGED... [--feedback T] [--effort DUR]"},
		{[]string{"step", "edit", "12345678901234567890", "--amount", "3"}, ""},
		{[]string{"log", longer, "5", "--time", "23:59"}, ""},
		{[]string{"step", "edit", "1", "--time", "23:59"}, ""},
		{[]string{"doubt", "revisit", "1", "--holds", "no"}, "stride doubt revisit ID [--holds|--no-longer-holds] [--note T]"},
		{[]string{"doubt", "revisit", "--no-longer-holds", "yes"}, ""},
		{[]string{"goal", "met", longer, "--clear", "yes"}, "stride goal met NAME [--clear] [--date DATE]"},
		{[]string{"token", "create", "--user", "tester", "--read-only", "no"}, "stride token create --user NAME [--read-only] [--expires 90d]"},
	} {
		out, errOut, _ := h.run(c.args...)
		checkLines(t, c.args, out+errOut, c.cmd)
	}
}

// checkLines fails the test when a line of out passes 80 cells, when a
// line set apart as a command (indented further than the line before it,
// and starting with "stride ") is not one stride takes, or when cmd, if
// given, does not stand whole on a line of its own (or, too wide for one,
// start one).
func checkLines(t *testing.T, args []string, out, cmd string) {
	t.Helper()
	run := "stride " + strings.Join(args, " ")
	found := cmd == ""
	indent := 0
	for _, line := range strings.Split(out, "\n") {
		if width(line) > lineWidth {
			t.Errorf("%s: a line of %d cells:\n%s", run, width(line), line)
		}
		text := strings.TrimLeft(line, " ")
		apart := len(line)-len(text) > indent
		indent = len(line) - len(text)
		if cmd != "" && text == cmd {
			found = true
		}
		if cmd != "" && width(cmd) > lineWidth-2 && strings.HasPrefix(cmd, text) && len(text) > len("stride ") {
			found = true
			continue // the start of a command too wide for a line
		}
		if words, ok := shellWords(text); ok && apart && len(words) > 1 && words[0] == "stride" {
			if err := takes(words[1:]); err != nil {
				t.Errorf("%s: a line reads as a command stride does not take (%v):\n%s\nin\n%s", run, err, line, out)
			}
		}
	}
	if !found {
		t.Errorf("%s: %q is not whole on a line of its own:\n%s", run, cmd, out)
	}
}

// takes returns why stride would refuse the command args, or nil: an
// unknown command, a flag it does not know, or too many or few arguments.
// Placeholders such as TEXT or [--against T] count as arguments.
func takes(args []string) error {
	var kept []string // a usage line's optional flags, [--holds|--no-longer-holds] [--note T], are left out
	for i := 0; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "[-") {
			kept = append(kept, args[i])
			continue
		}
		for !strings.HasSuffix(args[i], "]") && i+1 < len(args) {
			i++
		}
	}
	args = kept
	root := newApp(Env{Getenv: func(string) string { return "" }, Now: func() time.Time { return now }}).rootCommand(args)
	cmd, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	return cmd.ValidateArgs(cmd.Flags().Args())
}

// shellWords splits a line as a POSIX shell would split a simple command,
// with its quotes; ok is false when a quote is left open (a command
// broken over lines, or prose with an apostrophe).
func shellWords(line string) (words []string, ok bool) {
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '\'' && c != '\'', quote == '"' && c != '"' && c != '\\':
			w.WriteByte(c)
		case quote != 0 && c == quote:
			quote = 0
		case c == '\\' && i+1 < len(line):
			i++
			w.WriteByte(line[i])
			in = true
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ':
			if in {
				words = append(words, w.String())
				w.Reset()
			}
			in = false
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words, quote == 0
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
