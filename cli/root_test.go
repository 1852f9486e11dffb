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
		{"a goal named \"" + strings.Repeat("y", 30) + "\" already exists: change it with stride goal edit y --target RATE, or pick another name",
			"a goal named \"" + strings.Repeat("y", 30) + "\" already exists: change it with\nstride goal edit y --target RATE, or pick another name\n"},
		{"two lines\nstay two", "two lines\nstay two\n"},
	} {
		var b strings.Builder
		say(&b, "%s", c.in)
		if b.String() != c.want {
			t.Errorf("say(%q):\n%s\nwant\n%s", c.in, b.String(), c.want)
		}
	}
}
