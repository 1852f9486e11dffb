package cli

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// seedReflection adds, on top of seed, a record of the reflection system:
// two lessons, a doubt revisited, three days of focus, two works with
// iterations and a ship, and a step's reflection.
func (h *harness) seedReflection() {
	h.t.Helper()
	h.ok("lesson", "add", "--for", "walk", "--date", "2026-11-14", "--wanted", "walk every day",
		"--happened", "rain all week and I stayed in", "--options", "walk in the mall, or in the rain with a coat",
		"--next", "walk in the mall when it rains", "--theme", "weather", "--theme", "Time")
	h.ok("lesson", "add", "--date", "2026-11-18", "--happened", "late meetings took the evenings",
		"--next", "walk at lunch", "--theme", "time,work")
	h.ok("doubt", "add", "I", "am", "not", "a", "runner", "--date", "2026-11-10",
		"--against", "walked on 9 of the last 14 days", "--reframe", "I am someone who moves most days")
	h.ok("doubt", "revisit", "1", "--no-longer-holds", "--note", "walked six days this week", "--date", "2026-11-20")
	h.ok("doubt", "add", "I never finish anything", "--date", "2026-11-19")
	h.ok("focus", "draft the intro", "--date", "2026-11-18")
	h.ok("focus", "done", "--date", "2026-11-18")
	h.ok("focus", "call the bank", "--date", "2026-11-19")
	h.ok("focus", "--carry", "--date", "2026-11-20")
	h.ok("work", "add", "essay", "--for", "read", "--done-when", "2000 words that say one thing clearly")
	h.ok("work", "iterate", "essay", "first", "draft", "--date", "2026-11-16", "--effort", "45m")
	h.ok("work", "iterate", "essay", "cut the second section", "--date", "2026-11-17", "--feedback", "Sam: the middle drags")
	h.ok("work", "ship", "essay", "--note", "sent to Sam", "--date", "2026-11-18")
	h.ok("work", "iterate", "essay", "new opening", "--date", "2026-11-20", "--effort", "1h")
	h.ok("work", "add", "talk", "--nudge-after", "2")
	h.ok("step", "edit", "9", "--learned", "an easy pace lasts longer")
}

// records is every record of the harness's database as JSON, to check that
// bad input wrote nothing.
func (h *harness) records() string {
	h.t.Helper()
	var b strings.Builder
	for _, args := range [][]string{{"steps", "--json"}, {"goal", "list", "--all", "--json"},
		{"lesson", "list", "--json"}, {"doubt", "list", "--json"}, {"focus", "list", "--since", "2000-01-01", "--json"},
		{"work", "list", "--json"}, {"review", "list", "--json"}} {
		b.WriteString(h.ok(args...))
	}
	for _, w := range []string{"essay", "talk"} {
		if out, _, code := h.run("work", "show", w, "--json"); code == 0 {
			b.WriteString(out)
		}
	}
	return stamps(b.String())
}

var moreStampsRE = regexp.MustCompile(`"(created_at|updated_at|done_at)": "[^"]*"`)

// stamps blanks the store's own timestamps (from the real clock),
// done_at of a focus included.
func stamps(s string) string { return moreStampsRE.ReplaceAllString(s, `"$1": "…"`) }

type usageCase struct {
	args []string
	want string
}

// checkUsage runs each case, expecting exit 2, "stride: " and want on
// standard error, nothing on standard output, and no record changed.
func checkUsage(t *testing.T, h *harness, cases []usageCase) {
	t.Helper()
	before := h.records()
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := h.run(c.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", code, ExitUsage, out, errOut)
			}
			if !strings.HasPrefix(errOut, "stride: ") || !strings.Contains(oneLine(errOut), c.want) {
				t.Errorf("stderr %q, want it to start with \"stride: \" and hold %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	if after := h.records(); after != before {
		t.Errorf("bad input changed the records:\nbefore %s\nafter %s", before, after)
	}
}

type goldenCase struct {
	name string
	args []string
}

// checkGolden runs each case and compares its output with its golden file.
func checkGolden(t *testing.T, h *harness, cases []goldenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := h.run(c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.Contains(out, "\x1b[") {
				t.Errorf("escape codes in output to a pipe:\n%q", out)
			}
			if !strings.HasSuffix(c.name, ".md") {
				checkWidth(t, c.name, out)
			}
			golden(t, c.name, stamps(out))
			checkTone(t, c.name, out+errOut)
		})
	}
}

// shaming are words stride never says about the user's progress
// (METHOD.md, Tone; issue 4, "Tone, tested").
var shaming = []string{"fail", "broke your streak", "broken streak", "lazy", "should have", "missed", "behind schedule", "you didn't", "you did not"}

// checkTone fails when out says a shaming word.
func checkTone(t *testing.T, name, out string) {
	t.Helper()
	low := strings.ToLower(out)
	for _, bad := range shaming {
		if strings.Contains(low, bad) {
			t.Errorf("%s says %q:\n%s", name, bad, out)
		}
	}
}

// openWithout opens the real store and drops the reflection services, as
// a server older than them answers.
func openWithout(ctx context.Context, db string) (*stride.Services, error) {
	svc, err := OpenStore(ctx, db)
	if err != nil {
		return nil, err
	}
	svc.Lessons, svc.Doubts, svc.Focus, svc.Works, svc.Wins, svc.Reviews = nil, nil, nil, nil, nil, nil
	return svc, nil
}

func TestOlderStore(t *testing.T) {
	h := newHarness(t)
	h.seed()
	board := h.ok()
	if out, _, _ := h.runOpen(openWithout); out != board {
		t.Errorf("the board changed without a focus service:\n%s\nwant\n%s", out, board)
	}
	for _, args := range [][]string{{"lesson", "list"}, {"lesson", "add", "--next", "x"}, {"doubt", "add", "x"},
		{"focus"}, {"focus", "done"}, {"work", "list"}, {"wins"}, {"review"}, {"review", "list"}} {
		out, errOut, code := h.runOpen(openWithout, args...)
		if code != ExitError || out != "" || !strings.Contains(errOut, "this store does not keep") {
			t.Errorf("%v: exit %d, %q, %q", args, code, out, errOut)
		}
	}
	// the commands that only add to what older stores keep still work
	for _, args := range [][]string{{}, {"show", "walk"}, {"journal"}, {"log", "walk", "5"}} {
		if out, errOut, code := h.runOpen(openWithout, args...); code != 0 {
			t.Errorf("%v: exit %d, %q, %q", args, code, out, errOut)
		}
	}
}

// runOpen runs stride with open as the store opener.
func (h *harness) runOpen(open func(context.Context, string) (*stride.Services, error), args ...string) (string, string, int) {
	h.t.Helper()
	var out, errOut strings.Builder
	env := Env{
		Getenv: func(k string) string {
			if k == "STRIDE_DB" {
				return h.db
			}
			return h.vars[k]
		},
		Now:    func() time.Time { return now },
		Stdin:  strings.NewReader(h.in),
		Stdout: &out, Stderr: &errOut,
		Open: open,
	}
	code := env.Run(context.Background(), args)
	return out.String(), errOut.String(), code
}

func TestPlainForms(t *testing.T) {
	ask := func(in string, qs ...question) (string, error) {
		var errOut strings.Builder
		app := newApp(Env{Stdin: strings.NewReader(in), Stderr: &errOut, Getenv: func(string) string { return "" }})
		err := app.ask(context.Background(), qs...)
		return errOut.String(), err
	}
	a, b, kept := "", "", "walked nine days"
	var yes bool
	out, err := ask("first\r\n  second  \n\nmaybe\nY\n",
		question{title: "A?", help: "Say it.", value: &a}, question{title: "B?", value: &b, long: true},
		question{title: "Kept?", value: &kept, long: true}, question{title: "Holds?", yes: &yes})
	if err != nil {
		t.Fatal(err)
	}
	if a != "first" || b != "second" || kept != "walked nine days" || !yes {
		t.Errorf("answers %q, %q, %q, %v", a, b, kept, yes)
	}
	for _, want := range []string{"A?\nSay it.\n> ", "Now: walked nine days\nAn empty answer keeps it; - clears it.", "Answer y for yes or n for no.\n(y/n) "} {
		if !strings.Contains(out, want) {
			t.Errorf("the form lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Several lines") {
		t.Errorf("a plain form offered several lines, which it reads as one:\n%s", out)
	}
	// "-" clears an earlier answer; help keeps its lines
	cleared := "late meetings"
	out, err = ask("-\n", question{title: "C?", help: "Look back.\nFrom your record:\n  a fact\n  another", value: &cleared})
	if err != nil || cleared != "" || !strings.Contains(out, "Look back.\nFrom your record:\n  a fact\n  another\n") {
		t.Errorf("clearing: %v, %q\n%s", err, cleared, out)
	}
	// the end of the input leaves the form, an answer too long is asked again
	if _, err := ask("", question{title: "A?", value: &a}); !errors.Is(err, errAborted) {
		t.Errorf("no input: %v, want errAborted", err)
	}
	out, err = ask(strings.Repeat("x", stride.MaxTextLen+1)+"\nshort\n", question{title: "A?", value: &a})
	if err != nil || a != "short" || !strings.Contains(out, "That is 4001 characters; keep it to 4000") {
		t.Errorf("a long answer: %v, %q\n%s", err, a, out)
	}
	// the last line needs no line ending
	if _, err := ask("last", question{title: "A?", value: &a}); err != nil || a != "last" {
		t.Errorf("an unterminated answer: %v, %q", err, a)
	}
}

func TestHang(t *testing.T) {
	got := hang("  ", strings.Repeat("word ", 20)+"`stride focus --carry --date 2026-11-21`")
	for _, line := range strings.Split(got, "\n") {
		if width(line) > lineWidth || !strings.HasPrefix(line, "  ") {
			t.Errorf("line %q", line)
		}
	}
	if !strings.Contains(got, "`stride focus --carry --date 2026-11-21`") {
		t.Errorf("a command was broken:\n%s", got)
	}
}

// TestRemoteReflection runs the reflection commands on a local database
// and through a server: every output must be the same.
func TestRemoteReflection(t *testing.T) {
	s := newServer(t)
	local, remote := newHarness(t), remoteHarness(t, s)
	for _, h := range []*harness{local, remote} {
		h.seed()
		h.seedReflection()
	}
	for _, args := range [][]string{
		{},
		{"lesson", "list"}, {"lesson", "list", "--json"}, {"lesson", "show", "1"}, {"lesson", "themes", "--json"},
		{"lesson", "add", "--for", "read", "--happened", "fell asleep", "--theme", "energy"},
		{"lesson", "edit", "3", "--for", ""}, {"lesson", "delete", "3"}, {"lesson", "show", "3"},
		{"doubt", "list", "--json"}, {"doubt", "show", "1"},
		{"doubt", "add", "I", "am", "slow"}, {"doubt", "revisit", "3", "--holds", "--note", "hills"}, {"doubt", "delete", "3"},
		{"focus"}, {"focus", "--carry"}, {"focus", "done"}, {"focus", "list", "--json"}, {"focus", "--carry"},
		{"work", "list"}, {"work", "show", "essay", "--json"}, {"work", "iterate", "talk", "outline"},
		{"work", "iterate", "talk", "slides"}, {"work", "ship", "talk"}, {"work", "ship", "talk"}, {"work", "met", "essay"},
		{"work", "edit", "talk", "--name", "keynote"}, {"work", "delete", "keynote", "--yes"}, {"work", "show", "talk"},
		{"wins", "--since", "2026-10-01"}, {"wins", "--for", "walk", "--json"},
		{"journal"}, {"journal", "walk", "--json"},
		{"goal", "met", "read"}, {"goal", "edit", "read", "--why", "a"}, {"goal", "edit", "read", "--why", "b"},
		{"show", "read"}, {"log", "read", "5"}, {"goal", "done", "read"},
		{"review"}, {"review", "--wins", "a good week", "--next-focus", "book the race"}, {"review", "show", "--markdown"},
		{"review", "list", "--json"}, {"focus", "--date", "2026-11-23"},
	} {
		lout, lerr, lcode := local.run(args...)
		rout, rerr, rcode := remote.run(args...)
		if lcode != rcode || stamps(sameAsLocal(rout, s.url)) != stamps(lout) || rerr != lerr {
			t.Errorf("stride %s differs through the server:\nlocal (exit %d):\n%s%s\nremote (exit %d):\n%s%s",
				strings.Join(args, " "), lcode, lout, lerr, rcode, rout, rerr)
		}
	}
}

func TestReflectionHelpWidth(t *testing.T) {
	h := newHarness(t)
	for _, group := range [][]string{{"lesson", "add", "list", "show", "edit", "delete", "themes"},
		{"doubt", "add", "list", "show", "edit", "revisit", "delete"}, {"focus", "done", "list"},
		{"work", "add", "iterate", "ship", "met", "show", "list", "edit", "delete"}, {"wins"}, {"journal"},
		{"review", "list", "show", "delete"}, {"goal", "met"}} {
		checkWidth(t, group[0], h.ok(group[0], "--help"))
		for _, sub := range group[1:] {
			checkWidth(t, group[0]+" "+sub, h.ok(group[0], sub, "--help"))
		}
	}
	checkWidth(t, "stride", h.ok("--help"))
}

func TestLongUnitsFit(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "practice", "--target", "3 rounds of scales and arpeggios/day")
	h.ok("goal", "add", "reading for the book club", "--target", "20 pages of the assigned novel/week")
	h.ok("log", "practice", "2")
	h.ok("log", "reading for the book club", "12")
	for _, args := range [][]string{{"goal", "list"}, {}, {"show", "practice"}, {"why", "practice"}, {"steps"}} {
		out := h.ok(args...)
		checkWidth(t, strings.Join(args, " "), out)
		if len(args) == 2 && !strings.Contains(out, "3 rounds of scales") {
			t.Errorf("goal list lost the start of the target:\n%s", out)
		}
	}
}

// A monthly limit's weeks are told by their days, as the review tells
// them, not against a week's share of the limit.
func TestShowMonthlyLimit(t *testing.T) {
	h := newHarness(t)
	h.ok("goal", "add", "wine", "--target", "at most 8 drinks/month", "--start", "2026-10-01")
	h.ok("log", "wine", "4", "--date", "2026-11-17")
	out := h.ok("show", "wine")
	if !strings.Contains(out, "week of    logged\n") || strings.Contains(out, "limit/week") ||
		!strings.Contains(out, "Nov 16   4 drinks  so far; within the limit\n") {
		t.Errorf("show wine:\n%s", out)
	}
	if review := h.ok("review", "--week", "2026-11-16"); !strings.Contains(review, "wine: within the limit of 8 drinks a month on all 6 days") {
		t.Errorf("review:\n%s", review)
	}
}

func TestWriteTableWidths(t *testing.T) {
	var b strings.Builder
	long := strings.Repeat("x", 90)
	writeTable(&b, [][]string{{"NAME", "TARGET", "TOTAL"}, {long, long, long}}, 20)
	writeTable(&b, [][]string{{long}, {"short"}}, 20) // one column: no panic
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if w := width(line); w > lineWidth {
			t.Errorf("%d cells: %q", w, line)
		}
	}
	if first := strings.Split(b.String(), "\n")[1]; !strings.HasPrefix(first, strings.Repeat("x", 15)+"…  ") {
		t.Errorf("the name column gave way below 16 cells first: %q", first)
	}
}
