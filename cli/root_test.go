package cli

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRootCommandTree: a run that names a command gets a tree of that one
// command; anything else gets all of them, named as topCommands says.
func TestRootCommandTree(t *testing.T) {
	a := newApp(Env{Getenv: func(string) string { return "" }, Now: func() time.Time { return now }})
	var names []string
	for _, c := range a.rootCommand(nil).Commands() {
		if c.Name() != "help" && c.Name() != "completion" {
			names = append(names, c.Name())
		}
	}
	var want []string
	for _, c := range topCommands {
		want = append(want, c.name)
	}
	slices.Sort(want)
	if !slices.Equal(names, want) { // cobra sorts them
		t.Errorf("the full tree has %v, topCommands %v", names, want)
	}
	for _, c := range []struct {
		args []string
		want []string // nil: every command
	}{
		{[]string{"log", "walk", "10"}, []string{"log"}},
		{[]string{"--db", "x.db", "goal", "list"}, []string{"goal"}},
		{[]string{"--db=x.db", "why", "walk"}, []string{"why"}},
		{[]string{"log", "--help"}, []string{"log"}},
		{[]string{}, nil}, {[]string{"--json"}, nil}, {[]string{"help", "log"}, nil},
		{[]string{"lgo"}, nil}, {[]string{"__complete", "lo"}, nil}, {[]string{"completion", "bash"}, nil},
		{[]string{"--", "log"}, nil},
	} {
		var got []string
		for _, cmd := range a.rootCommand(c.args).Commands() {
			got = append(got, cmd.Name())
		}
		if c.want == nil && len(got) < len(topCommands) || c.want != nil && !slices.Equal(got, c.want) {
			t.Errorf("args %q: commands %v, want %v", c.args, got, c.want)
		}
	}
}

// TestUnknownCommand: a mistyped command is answered with the ones it
// may have meant, and exit status 2.
func TestUnknownCommand(t *testing.T) {
	h := newHarness(t)
	for args, want := range map[string]string{
		"lgo":       `stride: no command "lgo". Did you mean log?`,
		"goal lsit": `stride: goal has no command "lsit". Did you mean list or edit?`,
		"xyz":       `stride: no command "xyz"` + "\n",
		"stat":      `stride: no command "stat". Did you mean status or step?`,
	} {
		_, errOut, code := h.run(strings.Fields(args)...)
		if code != ExitUsage || !strings.Contains(errOut, want) {
			t.Errorf("stride %s: exit %d, %q; want %q", args, code, errOut, want)
		}
	}
}

func TestSay(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"short stays as it is", "short stays as it is\n"},
		{"Archived " + strings.Repeat("x", 30) + ": it leaves the board and its record stays. Bring it back with: stride goal resume abc",
			"Archived " + strings.Repeat("x", 30) + ": it leaves the board and its record\nstays. Bring it back with:\n  stride goal resume abc\n"},
		{"  " + strings.Repeat("word ", 20) + "end", "  " + strings.TrimSpace(strings.Repeat("word ", 15)) + "\n  " + strings.TrimSpace(strings.Repeat("word ", 5)) + " end\n"},
		{"a goal named \"" + strings.Repeat("y", 30) + "\" already exists: pick another name, or change it with: stride goal edit y --target RATE",
			"a goal named \"" + strings.Repeat("y", 30) + "\" already exists: pick another name,\nor change it with:\n  stride goal edit y --target RATE\n"},
		{"two lines\nstay two", "two lines\nstay two\n"},
		// A usage line's ellipsis is no full stop: the command goes whole.
		{"stride: doubt add takes TEXT; none was given. Usage: stride doubt add TEXT... [--against T] [--reframe T]",
			"stride: doubt add takes TEXT; none was given. Usage:\n  stride doubt add TEXT... [--against T] [--reframe T]\n"},
		// After "with " too, and under the line's own indent.
		{"a user named \"" + strings.Repeat("u", 40) + "\" already exists: change the password with stride user passwd ada",
			"a user named \"" + strings.Repeat("u", 40) + "\" already exists: change\nthe password with\n  stride user passwd ada\n"},
		{"  Add the evidence against it when you have it: stride doubt edit 12 --against TEXT",
			"  Add the evidence against it when you have it:\n    stride doubt edit 12 --against TEXT\n"},
		// Punctuation inside the command's quotes is its own.
		{"Log a first step, however small: stride log 'read, then: stride on. Or not' 20 and more words to wrap it",
			"Log a first step, however small:\n  stride log 'read, then: stride on. Or not' 20 and more words to wrap it\n"},
		// "stride" not after ": " or "with " is prose, and so is a command
		// that a sentence goes on after.
		{"stride: does it still hold? Give --holds or --no-longer-holds (and --note TEXT); on a terminal stride asks",
			"stride: does it still hold? Give --holds or --no-longer-holds (and --note TEXT);\non a terminal stride asks\n"},
		{"stride: what happened? Give at least one of the flags; on a terminal, stride lesson add without them asks",
			"stride: what happened? Give at least one of the flags; on a terminal, stride\nlesson add without them asks\n"},
		{"When it feels complete, and only then, finish it with: stride goal done walk. Well done, truly.",
			"When it feels complete, and only then, finish it with: stride goal done walk.\nWell done, truly.\n"},
		// A command too wide for a line still starts one of its own.
		{"Log a first version: stride work iterate '" + strings.Repeat("w", 70) + "' \"first draft\"",
			"Log a first version:\n  stride work iterate\n  '" + strings.Repeat("w", 70) + "'\n  \"first draft\"\n"},
	} {
		var b strings.Builder
		say(&b, "%s", c.in)
		if b.String() != c.want {
			t.Errorf("say(%q):\n%s\nwant\n%s", c.in, b.String(), c.want)
		}
	}
}
