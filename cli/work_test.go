package cli

import (
	"strings"
	"testing"
)

func TestWork(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkGolden(t, h, []goldenCase{
		{"work-show.txt", []string{"work", "show", "essay"}},
		{"work-show.json", []string{"work", "show", "Essay", "--json"}},
		{"work-list.txt", []string{"work", "list"}},
		{"work-list.json", []string{"work", "list", "--json"}},
	})

	out := h.ok("work", "iterate", "talk", "outline")
	if out != "Iterated talk v1 on Sat 2026-11-21: outline\n" {
		t.Errorf("iterate said %q", out)
	}
	// talk nudges after two unshipped iterations (--nudge-after 2), kindly
	out = h.ok("work", "iterate", "talk", "slides", "--effort", "1h30m", "--feedback", "more stories")
	want := "Iterated talk v1 on Sat 2026-11-21: slides\n" +
		"  1h30m of effort: it counts.\n" +
		"  Two revisions in, none shared yet: this could be ready to share.\n  `stride work ship talk` when you are.\n"
	if out != want {
		t.Errorf("the nudge:\n%s\nwant\n%s", out, want)
	}
	checkTone(t, "nudge", out)
	if out := h.ok("work", "ship", "talk", "--note", "gave it at the meetup"); out != "✓ Shipped talk. Out in the world, and still open to revision.\n" {
		t.Errorf("ship said %q", out)
	}
	if _, errOut, code := h.run("work", "ship", "talk"); code != ExitError || !strings.Contains(errOut, "version 1 of talk is already shipped. Iterate to start version 2") {
		t.Errorf("shipping twice: exit %d, %q", code, errOut)
	}
	if out := h.ok("work", "iterate", "talk", "shorter"); out != "Iterated talk v2 on Sat 2026-11-21: shorter\n" {
		t.Errorf("iterating after a ship starts the next version: %q", out)
	}
	if out := h.ok("work", "ship", "talk"); out != "✓ Shipped version 2 of talk. Out in the world, and still open to revision.\n" {
		t.Errorf("second ship said %q", out)
	}

	// the done-when met nudges toward shipping
	out = h.ok("work", "met", "essay")
	want = "✓ The done-when of essay is met: 2000 words that say one thing clearly\n" +
		"  Its done-when is met: this is ready to share. `stride work ship essay` when\n  you are.\n"
	if out != want {
		t.Errorf("met said\n%s\nwant\n%s", out, want)
	}
	if show := h.ok("work", "show", "essay"); !strings.Contains(show, "✓ met Sat 2026-11-21") {
		t.Errorf("show after met:\n%s", show)
	}
	if out := h.ok("work", "met", "essay", "--clear"); out != "The done-when of essay is open again.\n" {
		t.Errorf("met --clear said %q", out)
	}
	if out := h.ok("work", "edit", "essay", "--name", "long essay", "--for", "", "--nudge-after", "5"); out != "Updated work long essay.\n" {
		t.Errorf("edit said %q", out)
	}
	if list := h.ok("work", "list"); !strings.Contains(list, "long essay") || strings.Contains(list, "read") {
		t.Errorf("the edit did not stick:\n%s", list)
	}
	if out := h.ok("work", "delete", "long essay", "--yes"); out != "Deleted long essay and its 4 log entries.\n" {
		t.Errorf("delete said %q", out)
	}
	if _, errOut, code := h.run("work", "add", "TALK"); code != ExitError || !strings.Contains(errOut, `a work named "TALK" already exists`) {
		t.Errorf("a duplicate work: exit %d, %q", code, errOut)
	}
	out = h.ok("work", "add", "design", "--done-when", "three people can use it")
	if out != "Added work design.\n  done when: three people can use it\nLog a first version, however rough: stride work iterate design \"first draft\"\n" {
		t.Errorf("add said %q", out)
	}
}

func TestWorkUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkUsage(t, h, []usageCase{
		{[]string{"work", "add"}, "none was given"},
		{[]string{"work", "add", "42"}, "only digits"},
		{[]string{"work", "add", "poem", "--nudge-after", "-1"}, "--nudge-after -1 is out of range"},
		{[]string{"work", "add", "poem", "--nudge-after", "x"}, "is not a whole number"},
		{[]string{"work", "add", "poem", "--for", "wlak"}, `did you mean "walk"`},
		{[]string{"work", "iterate", "essay"}, "1 was given"},
		{[]string{"work", "iterate", "esay", "x"}, `no work named "esay": did you mean "essay"? To start one: stride work add esay`},
		{[]string{"work", "iterate", "essay", "x", "--effort", "lots"}, `effort "lots" is not a duration`},
		{[]string{"work", "iterate", "essay", "x", "--date", "tomorrow"}, "is in the future"},
		{[]string{"work", "iterate", "essay", " "}, "an iteration needs what changed"},
		{[]string{"work", "ship", "essay", "--date", "tomorrow"}, "is in the future"},
		{[]string{"work", "ship", "poem"}, `no work named "poem"`},
		{[]string{"work", "met", "talk"}, "talk has no done-when yet"},
		{[]string{"work", "edit", "essay"}, "nothing to change"},
		{[]string{"work", "edit", "essay", "--name", "7"}, "only digits"},
		{[]string{"work", "edit", "essay", "--nudge-after", "101"}, "out of range"},
		{[]string{"work", "delete", "essay"}, "add --yes to confirm"},
		{[]string{"work", "show"}, "none was given"},
	})
}
