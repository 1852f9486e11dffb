package stride_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestParseDate(t *testing.T) {
	today := stride.NewDate(2026, 11, 22) // a Sunday
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"today", "2026-11-22"}, {"Yesterday", "2026-11-21"}, {"-3d", "2026-11-19"}, {"-0d", "2026-11-22"},
		{"sunday", "2026-11-22"}, {"mon", "2026-11-16"}, {"Saturday", "2026-11-21"},
		{"2024-02-29", "2024-02-29"}, {" 2026-01-01 ", "2026-01-01"},
	} {
		got, err := stride.ParseDate(tc.in, today)
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "2026-02-30", "3d", "-xd", "next week", "22/11/2026"} {
		if _, err := stride.ParseDate(in, today); stride.ErrorCode(err) != stride.EINVALID {
			t.Errorf("ParseDate(%q): err %v, want EINVALID", in, err)
		}
	}
}

func TestDate(t *testing.T) {
	d := stride.NewDate(2026, 11, 22)
	if d.Weekday() != time.Sunday || d.YMD() != 20261122 || stride.DateFromYMD(20261122) != d {
		t.Fatalf("date parts: %v %v", d.Weekday(), d.YMD())
	}
	if d.StartOfWeek(time.Monday).String() != "2026-11-16" || d.StartOfWeek(time.Sunday) != d {
		t.Fatal("start of week")
	}
	if stride.NewDate(2024, 2, 10).DaysInMonth() != 29 || stride.NewDate(1969, 12, 31).Weekday() != time.Wednesday {
		t.Fatal("calendar maths")
	}
}

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in, unit string
		want     float64
	}{
		{"90m", "min", 90}, {"1.5h", "min", 90}, {"1h30m", "min", 90}, {"45", "min", 45},
		{"2 hours", "min", 120}, {"30 min", "min", 30}, {"3", "pages", 3}, {"3 pages", "pages", 3},
		{"1 page", "pages", 1}, {"2.5km", "km", 2.5}, {"1", "", 1}, {"2 times", "", 2},
	} {
		got, err := stride.ParseAmount(tc.in, tc.unit)
		if err != nil || got != tc.want {
			t.Errorf("ParseAmount(%q, %q) = %v, %v; want %v", tc.in, tc.unit, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, unit string }{
		{"3 km", "pages"}, {"20 min", "pages"}, {"abc", "min"}, {"0", "km"}, {"-3", "km"}, {"5 km", ""}, {"1e12", "km"},
	} {
		if _, err := stride.ParseAmount(tc.in, tc.unit); stride.ErrorCode(err) != stride.EINVALID {
			t.Errorf("ParseAmount(%q, %q): err %v, want EINVALID", tc.in, tc.unit, err)
		}
	}
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		dir  stride.Direction
		days int
	}{
		{"30 min/day", "30 min/day", stride.AtLeast, 1},
		{"150 min/week", "150 min/week", stride.AtLeast, 7},
		{"2h/week", "120 min/week", stride.AtLeast, 7},
		{"1h30m/week", "90 min/week", stride.AtLeast, 7},
		{"1h 30m/week", "90 min/week", stride.AtLeast, 7},
		{"2 hours/week", "120 min/week", stride.AtLeast, 7},
		{"20 pages/week", "20 pages/week", stride.AtLeast, 7},
		{"1 time/2 days", "1 time/2 days", stride.AtLeast, 2},
		{"3 times/week", "3 times/week", stride.AtLeast, 7},
		{"3x per week", "3 times/week", stride.AtLeast, 7},
		{"1 time/day", "1 time/day", stride.AtLeast, 1},
		{"daily", "1 time/day", stride.AtLeast, 1},
		{"at most 2 coffees/day", "2 coffees/day", stride.AtMost, 1},
		{"5 km/month", "5 km/month", stride.AtLeast, 30},
		{"2 times/2 weeks", "2 times/14 days", stride.AtLeast, 14},
	} {
		tg, dir, err := stride.ParseTarget(tc.in)
		if err != nil || tg.String() != tc.want || dir != tc.dir || tg.Days() != tc.days {
			t.Errorf("ParseTarget(%q) = %v %v %d, %v; want %s %s %d", tc.in, tg, dir, tg.Days(), err, tc.want, tc.dir, tc.days)
		}
	}
	for _, in := range []string{"", "30", "30 min", "min/day", "0 min/day", "8 times/week", "3 times/fortnight", "5 km/0 days", "1h30/week", "1e10 min/day"} {
		if _, _, err := stride.ParseTarget(in); stride.ErrorCode(err) != stride.EINVALID {
			t.Errorf("ParseTarget(%q): err %v, want EINVALID", in, err)
		}
	}
}

func TestSmallestStepAmount(t *testing.T) {
	tg, _, _ := stride.ParseTarget("30 min/day")
	g := &stride.Goal{Unit: "min", Target: tg, SmallestStep: "put on shoes and walk 5 minutes"}
	if v := g.SmallestStepAmount(); v != 5 {
		t.Errorf("walk 5 minutes: %v", v)
	}
	g.SmallestStep = "just start"
	if v := g.SmallestStepAmount(); v != 3 {
		t.Errorf("no amount in the text: %v, want a tenth of the day's 30 min", v)
	}
	// never more than a day's share: 1 km would be twice 0.5 km/day
	for _, tc := range []struct {
		target, unit string
		want         float64
	}{
		{"0.5 km/day", "km", 0.5}, {"5 km/week", "km", 0.7}, {"20 pages/week", "pages", 1}, {"at most 2 cups/day", "cups", 1},
		{"0.25 l/2 days", "l", 0.1}, {"150 min/week", "min", 2},
	} {
		tg, _, err := stride.ParseTarget(tc.target)
		if err != nil {
			t.Fatal(err)
		}
		g := &stride.Goal{Unit: tc.unit, Target: tg}
		if v := g.SmallestStepAmount(); math.Abs(v-tc.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", tc.target, v, tc.want)
		}
	}
}

func TestTargetPeriodOf(t *testing.T) {
	tg := stride.Target{From: stride.NewDate(2026, 11, 1), Amount: 1, Count: true, Per: stride.PerDays, Every: 3}
	from, to := tg.PeriodOf(stride.NewDate(2026, 11, 5), time.Monday)
	if from.String() != "2026-11-04" || to.String() != "2026-11-06" {
		t.Fatalf("every 3 days from Nov 1: period of Nov 5 is %s..%s", from, to)
	}
	m := stride.Target{Per: stride.PerMonth}
	from, to = m.PeriodOf(stride.NewDate(2026, 2, 14), time.Monday)
	if from.String() != "2026-02-01" || to.String() != "2026-02-28" {
		t.Fatalf("month: %s..%s", from, to)
	}
}

// TestTextLimitsCountCharacters: the limits of free text count characters,
// as the web forms' maxlength and the messages do, so a lesson in Japanese
// (three bytes a character) has the same room as one in English.
func TestTextLimitsCountCharacters(t *testing.T) {
	d := stride.DateOf(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC))
	wide := func(n int) string { return strings.Repeat("語", n) }
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"lesson at the limit", (&stride.Lesson{Day: d, Wanted: wide(stride.MaxTextLen)}).Validate()},
		{"doubt at the limit", (&stride.Doubt{Day: d, Text: wide(stride.MaxTextLen)}).Validate()},
		{"review at the limit", (&stride.Review{WentWell: wide(stride.MaxTextLen), NextFocus: wide(500)}).Validate()},
		{"focus at the limit", (&stride.Focus{Day: d, Text: wide(500)}).Validate()},
		{"step at the limit", (&stride.Step{Day: d, Amount: 1, Note: wide(stride.MaxNoteLen), Learned: wide(stride.MaxNoteLen)}).Validate()},
	} {
		if tc.err != nil {
			t.Errorf("%s: %v", tc.name, tc.err)
		}
	}
	err := (&stride.Lesson{Day: d, Wanted: wide(stride.MaxTextLen + 1)}).Validate()
	if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), "is 4001 characters") {
		t.Errorf("a lesson over the limit: %v", err)
	}
	err = (&stride.Focus{Day: d, Text: wide(501)}).Validate()
	if stride.ErrorCode(err) != stride.EINVALID || !strings.Contains(stride.ErrorMessage(err), "is 501 characters") {
		t.Errorf("a focus over the limit: %v", err)
	}
}

// TestWeekSummaryQuiet: a week is quiet only with nothing in the record;
// a lesson, a focus or a work iterated is something.
func TestWeekSummaryQuiet(t *testing.T) {
	for _, c := range []struct {
		name string
		sum  stride.WeekSummary
		want bool
	}{
		{"nothing", stride.WeekSummary{}, true},
		{"a step", stride.WeekSummary{Steps: 1}, false},
		{"a lesson", stride.WeekSummary{Lessons: []*stride.Lesson{{}}}, false},
		{"a focus", stride.WeekSummary{Focus: []*stride.Focus{{}}}, false},
		{"a work", stride.WeekSummary{Works: []stride.WorkWeek{{Iterations: 1}}}, false},
	} {
		if got := c.sum.Quiet(); got != c.want {
			t.Errorf("%s: quiet %v, want %v", c.name, got, c.want)
		}
	}
}

// TestImportClash: a backup's goal goes into one of yours of its name only
// when both count alike; the first that does not is the clash.
func TestImportClash(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{{"", "", true}, {"pages", "page", true}, {"min", "min", true}, {"km", "min", false}, {"", "min", false}, {"km", "", false}} {
		if got := stride.CountsAlike(c.a, c.b); got != c.want {
			t.Errorf("CountsAlike(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	walk, read := &stride.Goal{Name: "walk", Unit: "min"}, &stride.Goal{Name: "Read", Unit: "pages"}
	doc := &stride.Backup{Goals: []*stride.BackupGoal{nil, {Goal: stride.Goal{Name: " READ ", Unit: "page"}},
		{Goal: stride.Goal{Name: "swim", Unit: "km"}}, {Goal: stride.Goal{Name: "Walk", Unit: "km"}}}}
	if bg, g := stride.ImportClash(doc, []*stride.Goal{walk, read}); bg != doc.Goals[3] || g != walk {
		t.Errorf("ImportClash = %v, %v; want the file's Walk and your walk", bg, g)
	}
	if bg, g := stride.ImportClash(doc, []*stride.Goal{read}); bg != nil || g != nil {
		t.Errorf("ImportClash without a clash = %v, %v", bg, g)
	}
}

// TestStepLater: a step may be on any earlier day at any time, and on
// today up to the current minute, reckoned in now's own zone.
func TestStepLater(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 21, 23, 5, 30, 0, paris)
	today := stride.NewDate(2026, 11, 21)
	at := func(h, m int) *int { v := h*60 + m; return &v }
	for _, c := range []struct {
		day   stride.Date
		clock *int
		want  bool
	}{
		{today, nil, false},
		{today, at(0, 0), false},
		{today, at(23, 5), false}, // this minute
		{today, at(23, 6), true},
		{today, at(23, 59), true},
		{today - 1, at(23, 59), false},
		{today + 1, nil, true},
		{today + 1, at(0, 0), true},
	} {
		if got := stride.StepLater(c.day, c.clock, now); got != c.want {
			t.Errorf("StepLater(%s, %v) at %s = %v, want %v", c.day, c.clock, now.Format(time.DateTime), got, c.want)
		}
	}
	// the same instant in UTC is 22:05: 23:00 is still to come there
	if !stride.StepLater(today, at(23, 0), now.UTC()) || stride.StepLater(today, at(23, 0), now) {
		t.Error("StepLater does not read the time of day in now's zone")
	}
}
