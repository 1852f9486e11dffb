package cli

import (
	"strings"
	"testing"
)

func TestWins(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkGolden(t, h, []goldenCase{
		{"wins.txt", []string{"wins", "--since", "2026-10-01"}},
		{"wins-walk.txt", []string{"wins", "--for", "walk"}},
		{"wins.json", []string{"wins", "--json"}},
	})
	out, errOut, code := h.run("wins", "--since", "2026-11-21", "--for", "coffee")
	if code != 0 || out != "" || !strings.Contains(errOut, "No wins since Sat 2026-11-21 yet") || strings.Contains(errOut, "Older ones") {
		t.Errorf("no wins since a day asked for (no 'older ones' to suggest): exit %d, %q, %q", code, out, errOut)
	}
	if out := h.ok("wins", "--since", "2026-11-21", "--json"); out != "[]\n" {
		t.Errorf("no wins as JSON: %q", out)
	}
}

func TestWinsUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	checkUsage(t, h, []usageCase{
		{[]string{"wins", "--since", "tomorrow"}, "is in the future"},
		{[]string{"wins", "--since", "x"}, `date "x" is not understood`},
		{[]string{"wins", "--for", "wlak"}, `did you mean "walk"`},
		{[]string{"wins", "extra"}, `takes no arguments; "extra" was given`},
	})
}
