package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestReview(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()

	// in a script without answers: the summary, and a hint on standard error
	out, errOut, code := h.run("review")
	if code != 0 || !strings.Contains(errOut, "stride review --wins T --learned T --obstacles T --next-focus T") {
		t.Errorf("review without answers: exit %d, %q", code, errOut)
	}
	golden(t, "review-summary.txt", out)
	checkWidth(t, "review-summary.txt", out)
	checkTone(t, "review-summary.txt", out)
	if list := h.ok("review", "list", "--json"); list != "[]\n" {
		t.Errorf("a review was saved without answers: %s", list)
	}

	out = h.ok("review", "--wins", "walked nine days", "--learned", "mornings work",
		"--obstacles", "late meetings", "--next-focus", "book the race")
	if !strings.HasSuffix(out, "\nSaved the review of the week of Mon 2026-11-16. Past reviews stay readable:\n"+
		"stride review list\nNext week's focus, set for Mon 2026-11-23: book the race\n") {
		t.Errorf("review said\n%s", out)
	}
	if f := h.ok("focus", "--date", "2026-11-23"); !strings.Contains(f, "book the race") {
		t.Errorf("next week's focus: %q", f)
	}
	// answers not given are kept; the next focus is set only when it changes
	out = h.ok("review", "--learned", "mornings work best")
	if strings.Contains(out, "Next week's focus") {
		t.Errorf("an unchanged next focus was set again:\n%s", out)
	}
	checkGolden(t, h, []goldenCase{
		{"review-show.txt", []string{"review", "show"}},
		{"review-show.md", []string{"review", "show", "2026-11-18", "--markdown"}},
		{"review-list.txt", []string{"review", "list"}},
	})
	js := stamps(h.ok("review", "show", "--json"))
	for _, want := range []string{`"week": "2026-11-16"`, `"went_well": "walked nine days"`, `"learned": "mornings work best"`,
		`"obstacles": "late meetings"`, `"next_focus": "book the race"`, `"summary": {`} {
		if !strings.Contains(js, want) {
			t.Errorf("review show --json lacks %s:\n%s", want, js)
		}
	}

	// on a terminal, the four questions, earlier answers kept when left empty
	h.tty = true
	h.vars["NO_COLOR"] = "1"
	h.in = "\n\n\nfinish the essay\n"
	out, errOut, code = h.run("review")
	if code != 0 || !strings.Contains(out, "Next week's focus, set for Mon 2026-11-23: finish the essay\n  (it was: book the race)") {
		t.Errorf("guided review: exit %d\n%s%s", code, out, errOut)
	}
	for _, q := range []string{"What went well?", "What did you learn?", "What got in the way?", "Next week's one key focus?"} {
		if !strings.Contains(errOut, q) {
			t.Errorf("the review did not ask %q:\n%s", q, errOut)
		}
	}
	h.tty, h.in = false, ""
	if js := h.ok("review", "show", "--json"); !strings.Contains(js, `"went_well": "walked nine days"`) {
		t.Errorf("an empty answer replaced an earlier one:\n%s", js)
	}

	if out := h.ok("review", "delete", "2026-11-20"); out != "Removed the review of the week of Mon 2026-11-16.\n" {
		t.Errorf("delete said %q", out)
	}
	if out, errOut, _ := h.run("review", "list"); out != "" || !strings.Contains(errOut, "No reviews yet") {
		t.Errorf("an empty list: %q, %q", out, errOut)
	}
}

func TestReviewWeek(t *testing.T) {
	a := newApp(Env{Now: func() time.Time { return now }, Getenv: func(string) string { return "" }})
	a.loc = time.UTC
	for _, c := range []struct {
		today, flag string
		want        string
	}{
		{"2026-11-21", "", "2026-11-16"}, // Saturday: this week
		{"2026-11-22", "", "2026-11-16"}, // Sunday: this week
		{"2026-11-23", "", "2026-11-16"}, // Monday: the week just past
		{"2026-11-24", "", "2026-11-16"}, // Tuesday too
		{"2026-11-25", "", "2026-11-23"}, // Wednesday: this week
		{"2026-11-21", "2026-11-09", "2026-11-09"},
		{"2026-11-21", "-7d", "2026-11-09"},
	} {
		d, _ := stride.ParseDate(c.today, 0)
		a.env.Now = func() time.Time { return d.Time().Add(12 * time.Hour) }
		got, err := a.reviewWeek(c.flag)
		if err != nil || got.String() != c.want {
			t.Errorf("today %s, --week %q: %s, %v; want %s", c.today, c.flag, got, err, c.want)
		}
	}
}

func TestReviewUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("review", "--wins", "x")
	checkUsage(t, h, []usageCase{
		{[]string{"review", "--week", "tomorrow"}, "is in the future"},
		{[]string{"review", "--week", "someday"}, `date "someday" is not understood`},
		{[]string{"review", "--next-focus", strings.Repeat("x", 501)}, "next focus is 501 characters"},
		{[]string{"review", "--wins", strings.Repeat("x", 4001)}, "what went well is 4001 characters"},
		{[]string{"review", "extra"}, `review has no command "extra"`},
		{[]string{"review", "show", "--json", "--markdown"}, "not both"},
		{[]string{"review", "show", "2026-01-05"}, "no review of the week of Mon 2026-01-05"},
		{[]string{"review", "show", "x"}, `date "x" is not understood`},
		{[]string{"review", "delete", "2026-01-05"}, "no review of the week of Mon 2026-01-05"},
		{[]string{"review", "delete"}, "none was given"},
	})
}

// TestReviewKeepsDaysFocus: a review's next focus does not replace a focus
// the day has already, which the user chose.
func TestReviewKeepsDaysFocus(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.ok("focus", "own plan", "--date", "2026-11-23")
	out := h.ok("review", "--wins", "a", "--learned", "b", "--obstacles", "c", "--next-focus", "the review's plan")
	if !strings.Contains(oneLine(out), "Mon 2026-11-23 already has a focus, which stays: own plan") {
		t.Errorf("review --next-focus on a day with a focus said:\n%s", out)
	}
	if js := h.ok("focus", "--date", "2026-11-23", "--json"); !strings.Contains(js, `"text": "own plan"`) {
		t.Errorf("the day's focus was replaced:\n%s", js)
	}
}

// TestDailyLimitWeeks: the walkthrough's phone, 2h on Monday to Wednesday
// of five weeks against at most 1h/day, is no run of weeks within the
// limit, and its review counts the days over it instead of setting the
// week's 6h against 7h.
func TestDailyLimitWeeks(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "phone", "--target", "at most 1h/day", "--start", "2026-10-12")
	for w := range 5 {
		for d := range 3 {
			h.ok("log", "phone", "2h", "--date", stride.NewDate(2026, 10, 12+7*w+d).String())
		}
	}
	if out, errOut, _ := h.run("wins", "--since", "2026-10-01"); strings.Contains(out+errOut, "within the limit") {
		t.Errorf("weeks over the limit on three days are celebrated:\n%s%s", out, errOut)
	}
	out := h.ok("review", "--week", "2026-10-19")
	if !strings.Contains(out, "phone: 3 of 7 days over the limit of 1h a day, momentum") || strings.Contains(out, "within a limit of 7h") {
		t.Errorf("review:\n%s", out)
	}
	// a week within it every day is said so (today is its Saturday)
	for d := range 6 {
		h.ok("log", "phone", "30", "--date", stride.NewDate(2026, 11, 16+d).String())
	}
	if out := h.ok("review", "--week", "2026-11-16"); !strings.Contains(out, "phone: within the limit of 1h a day on all 6 days") {
		t.Errorf("review of a week within it, through Saturday:\n%s", out)
	}
}
