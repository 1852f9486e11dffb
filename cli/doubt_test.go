package cli

import (
	"strings"
	"testing"
)

func TestDoubt(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkGolden(t, h, []goldenCase{
		{"doubt-list.txt", []string{"doubt", "list"}},
		{"doubt-list.json", []string{"doubt", "list", "--json"}},
		{"doubt-show.txt", []string{"doubt", "show", "1"}},
		{"doubt-show.json", []string{"doubt", "show", "1", "--json"}},
	})

	// off a terminal, the record's facts are a hint on standard error
	out, errOut, code := h.run("doubt", "add", "I", "am", "too", "slow")
	if code != 0 || !strings.HasPrefix(out, "Saved doubt 3 on Sat 2026-11-21.") ||
		!strings.Contains(out, "stride doubt edit 3 --against TEXT") || !strings.Contains(out, "stride doubt revisit 3") {
		t.Errorf("doubt add: exit %d\n%s", code, out)
	}
	wantHint := "Evidence against it may be in your own record:\n" +
		"  You logged 9 steps for meditate in the last 30 days.\n" +
		"  You logged 9 steps for walk in the last 30 days.\n" +
		"  You logged 2 steps for read in the last 30 days.\n" +
		"  You showed up on 10 of the 14 days since Sun 8.\n" +
		"  Momentum you built: meditate 34%, walk 28%.\n" // coffee's entries are a limit's, not progress
	if errOut != wantHint {
		t.Errorf("the hint:\n%s\nwant\n%s", errOut, wantHint)
	}
	checkTone(t, "doubt add", out+errOut)

	// on a terminal, stride asks for the evidence and a reframe, offering the facts
	h.tty = true
	h.vars["NO_COLOR"] = "1"
	h.in = "I walked on 10 of the last 30 days\nI am getting faster\n"
	out, errOut, code = h.run("doubt", "add", "I", "never", "stick", "with", "things")
	if code != 0 || !strings.HasPrefix(out, "Saved doubt 4") || strings.Contains(out, "--against TEXT") {
		t.Fatalf("guided doubt add: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"What is the evidence against it?", "From your record:", "You logged 9 steps for walk", "A kinder way to say it?"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the form did not say %q:\n%s", want, errOut)
		}
	}
	show := h.ok("doubt", "show", "4")
	if !strings.Contains(show, "I walked on 10 of the last 30 days") || !strings.Contains(show, "I am getting faster") {
		t.Errorf("the guided doubt:\n%s", show)
	}

	// revisiting asks "does it still hold?" on a terminal
	h.in = "y\nstill slow on hills\n"
	out, errOut, code = h.run("doubt", "revisit", "3")
	if code != 0 || !strings.Contains(errOut, "Does it still hold?") || !strings.Contains(out, "it still holds for now") {
		t.Errorf("guided revisit: exit %d\n%s%s", code, out, errOut)
	}
	h.tty, h.in = false, ""
	out = h.ok("doubt", "revisit", "3", "--no-longer-holds", "--note", "ran the hill")
	if out != "Doubt 3, revisited on Sat 2026-11-21: I am too slow\n  It no longer holds. Your record spoke up for you.\n" {
		t.Errorf("revisit said %q", out)
	}
	if show := h.ok("doubt", "show", "3"); !strings.Contains(show, "still held: still slow on hills") ||
		!strings.Contains(show, "no longer holds: ran the hill") {
		t.Errorf("revisits:\n%s", show)
	}
	if out := h.ok("doubt", "edit", "3", "--reframe", "I am steady"); out != "Updated doubt 3.\n" {
		t.Errorf("edit said %q", out)
	}
	if out := h.ok("doubt", "delete", "3"); out != "Removed doubt 3 (Sat 2026-11-21).\n" {
		t.Errorf("delete said %q", out)
	}
}

func TestDoubtUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkUsage(t, h, []usageCase{
		{[]string{"doubt", "add"}, "none was given"},
		{[]string{"doubt", "add", " "}, "write the doubt in your own words"},
		{[]string{"doubt", "add", "x", "--date", "tomorrow"}, "is in the future"},
		{[]string{"doubt", "add", "x", "--against", strings.Repeat("x", 4001)}, "evidence is 4001 characters"},
		{[]string{"doubt", "show", "abc"}, `doubt id "abc" is not a number`},
		{[]string{"doubt", "show", "999"}, "no doubt with id 999"},
		{[]string{"doubt", "edit", "1"}, "nothing to change"},
		{[]string{"doubt", "edit", "1", "--text", ""}, "--text is empty"},
		{[]string{"doubt", "revisit", "1"}, "Give --holds or --no-longer-holds"},
		{[]string{"doubt", "revisit", "1", "--holds", "--no-longer-holds"}, "not both"},
		{[]string{"doubt", "revisit", "1", "--holds", "--date", "tomorrow"}, "is in the future"},
		{[]string{"doubt", "revisit", "999", "--holds"}, "no doubt with id 999"},
		{[]string{"doubt", "delete", "999"}, "no doubt with id 999"},
		{[]string{"doubt", "list", "x"}, `takes no arguments; "x" was given`},
	})
}

// TestBoolFlagGivenAValue: a yes or no after a flag that takes no value is
// read as an argument; the message names the flag and how to give it
// (its opposite, when it has one), exits 2 and writes nothing.
func TestBoolFlagGivenAValue(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("doubt", "add", "I am not a runner")
	h.ok("goal", "edit", "walk", "--done-when", "a walk every day feels easy")
	h.ok("goal", "met", "walk")
	before := h.ok("doubt", "show", "1", "--json") + h.ok("goal", "list", "--all", "--json") + h.ok("steps", "--json")
	holds := "--holds takes no value, so \"no\" was read as an argument: say --holds if the doubt still holds, --no-longer-holds if it no longer holds"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"doubt", "revisit", "1", "--holds", "no"}, holds + ". Usage: stride doubt revisit ID [--holds|--no-longer-holds] [--note T]"},
		{[]string{"doubt", "revisit", "--holds", "no", "1"}, holds},
		{[]string{"doubt", "revisit", "--holds", "no"}, holds}, // "no" read as the id
		{[]string{"doubt", "revisit", "1", "--no-longer-holds", "YES"}, `--no-longer-holds takes no value, so "YES" was read as an argument: say --no-longer-holds if it no longer holds, --holds if the doubt still holds`},
		{[]string{"doubt", "revisit", "1", "--holds=no"}, "--holds takes no value: say --holds if the doubt still holds"},
		{[]string{"token", "create", "--user", "tester", "--read-only", "no"}, `--read-only takes no value, so "no" was read as an argument: give --read-only alone (the token can read but not change anything), or leave it out`},
		{[]string{"goal", "met", "walk", "--clear", "yes"}, `--clear takes no value, so "yes" was read as an argument: give --clear alone`},
		{[]string{"goal", "delete", "walk", "-y", "true"}, `--yes takes no value, so "true" was read as an argument`},
		{[]string{"demo", "--force", "true"}, "--force takes no value"},
		{[]string{"steps", "--json", "false"}, `--json takes no value, so "false" was read as an argument: give --json alone (print the steps as a JSON array), or leave it out`},
		// other mistakes keep their own words
		{[]string{"doubt", "revisit", "1", "2"}, "doubt revisit takes ID; 2 were given"},
		{[]string{"goal", "met", "walk", "--clear", "maybe"}, "goal met takes NAME; 2 were given"},
	} {
		out, errOut, code := h.run(c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(oneLine(errOut), c.want) {
			t.Errorf("stride %s: exit %d, %q%q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errOut, c.want)
		}
		checkWidth(t, strings.Join(c.args, " "), errOut)
		checkTone(t, strings.Join(c.args, " "), errOut)
	}
	if after := h.ok("doubt", "show", "1", "--json") + h.ok("goal", "list", "--all", "--json") + h.ok("steps", "--json"); after != before {
		t.Error("a refused command wrote")
	}
	// a note may begin with no: a command that runs is not second-guessed
	if out := h.ok("log", "meditate", "--json", "no", "distractions"); !strings.Contains(out, `"note": "no distractions"`) {
		t.Errorf("a note after --json:\n%s", out)
	}
}
