package cli

import (
	"strings"
	"testing"
)

func TestJournal(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	h.ok("log", "walk", "20", "--date", "2026-11-21", "--learned", "mornings are easier", "with", "Sam")
	checkGolden(t, h, []goldenCase{
		{"journal.txt", []string{"journal"}},
		{"journal-walk.txt", []string{"journal", "walk"}},
		{"journal.json", []string{"journal", "walk", "--since", "2026-11-14", "--json"}},
	})
	out, errOut, code := h.run("journal", "coffee")
	if code != 0 || out != "" || !strings.Contains(errOut, "Nothing in the journal since") {
		t.Errorf("an empty journal: exit %d, %q, %q", code, out, errOut)
	}
	if out := h.ok("journal", "coffee", "--json"); out != "[]\n" {
		t.Errorf("an empty journal as JSON: %q", out)
	}
}

func TestJournalUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	checkUsage(t, h, []usageCase{
		{[]string{"journal", "wlak"}, `did you mean "walk"`},
		{[]string{"journal", "--since", "x"}, `date "x" is not understood`},
		{[]string{"journal", "walk", "read"}, "2 were given"},
	})
}
