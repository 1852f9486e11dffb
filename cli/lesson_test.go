package cli

import (
	"regexp"
	"strings"
	"testing"
)

func TestLesson(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkGolden(t, h, []goldenCase{
		{"lesson-list.txt", []string{"lesson", "list"}},
		{"lesson-list-time.txt", []string{"lesson", "list", "--theme", "time", "--for", "walk"}},
		{"lesson-list.json", []string{"lesson", "list", "--json"}},
		{"lesson-show.txt", []string{"lesson", "show", "1"}},
		{"lesson-show.json", []string{"lesson", "show", "1", "--json"}},
		{"lesson-themes.txt", []string{"lesson", "themes"}},
		{"lesson-themes.json", []string{"lesson", "themes", "--json"}},
	})

	out := h.ok("lesson", "add", "--for", "read", "--happened", "fell asleep reading", "--next", "read in the morning", "--theme", "energy, time")
	want := "Saved lesson 3 about read on Sat 2026-11-21. Setbacks are lessons; this one is\nwritten down.\n" +
		"  next: read in the morning\n" +
		"  \"time\" has come up 3 times: a theme worth a look (stride lesson themes).\n"
	if out != want {
		t.Errorf("lesson add said\n%s\nwant\n%s", out, want)
	}
	if out := h.ok("lesson", "edit", "3", "--for", "", "--theme", "sleep", "--next", "read after breakfast"); out != "Updated lesson 3 (Sat 2026-11-21).\n" {
		t.Errorf("lesson edit said %q", out)
	}
	show := h.ok("lesson", "show", "3")
	if strings.Contains(show, "read ·") || !strings.Contains(show, "read after breakfast") || !strings.Contains(show, "themes: sleep") {
		t.Errorf("the edit did not stick:\n%s", show)
	}
	if out := h.ok("lesson", "delete", "3"); out != "Removed lesson 3 (Sat 2026-11-21).\n" {
		t.Errorf("lesson delete said %q", out)
	}
	if _, errOut, code := h.run("lesson", "show", "3"); code != ExitUsage || !strings.Contains(errOut, "no lesson with id 3") {
		t.Errorf("a deleted lesson: exit %d, %q", code, errOut)
	}

	// on a terminal, the four GROW questions and the themes, one at a time
	h.tty = true
	h.vars["NO_COLOR"] = "1"
	h.in = "walk every day\n\nwalk in the mall\nwalk at lunch on rainy days\nweather\n"
	out, errOut, code := h.run("lesson", "add", "--for", "walk")
	id := regexp.MustCompile(`Saved lesson (\d+) about walk`).FindStringSubmatch(out)
	if code != 0 || id == nil {
		t.Fatalf("guided lesson add: exit %d\n%s%s", code, out, errOut)
	}
	for _, q := range []string{"What did you want?", "What happened?", "What could you do?", "What will you do next?", "Themes"} {
		if !strings.Contains(errOut, q) {
			t.Errorf("the form did not ask %q:\n%s", q, errOut)
		}
	}
	if strings.Contains(errOut, "\x1b[") {
		t.Errorf("escape codes in the plain form:\n%q", errOut)
	}
	show = h.ok("lesson", "show", id[1], "--json")
	if !strings.Contains(show, `"wanted": "walk every day"`) || !strings.Contains(show, `"happened": ""`) ||
		!strings.Contains(show, `"themes": [
    "weather"
  ]`) {
		t.Errorf("the guided lesson:\n%s", show)
	}
	h.in = "\n\n\n\n\n"
	if _, errOut, code := h.run("lesson", "add"); code != ExitUsage || !strings.Contains(errOut, "needs at least one answer") {
		t.Errorf("an empty guided lesson: exit %d, %q", code, errOut)
	}
}

func TestLessonEmpty(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"lesson"}, {"lesson", "themes"}} {
		out, errOut, code := h.run(args...)
		if code != 0 || out != "" || !strings.Contains(errOut, "stride lesson add") {
			t.Errorf("%v: exit %d, %q, %q", args, code, out, errOut)
		}
	}
	if out := h.ok("lesson", "list", "--json"); out != "[]\n" {
		t.Errorf("lesson list --json: %q", out)
	}
	if out := h.ok("lesson", "themes", "--json"); out != "[]\n" {
		t.Errorf("lesson themes --json: %q", out)
	}
}

func TestLessonUsage(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.seedReflection()
	checkUsage(t, h, []usageCase{
		{[]string{"lesson", "add"}, "Give at least one of --wanted, --happened, --options or --next"},
		{[]string{"lesson", "add", "--for", "walk"}, "Give at least one of --wanted"},
		{[]string{"lesson", "add", "--wanted", " "}, "a lesson needs at least one answer"},
		{[]string{"lesson", "add", "--next", "x", "--date", "tomorrow"}, "is in the future"},
		{[]string{"lesson", "add", "--next", "x", "--date", "someday"}, `date "someday" is not understood`},
		{[]string{"lesson", "add", "--next", "x", "--for", "wlak"}, `did you mean "walk"`},
		{[]string{"lesson", "add", "--next", "x", "--theme", "a,b,c,d,e,f,g,h,i,j,k"}, "keep it to 10"},
		{[]string{"lesson", "add", "--next", strings.Repeat("x", 4001)}, "keep it under 4000"},
		{[]string{"lesson", "add", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"lesson", "add", "extra"}, `takes no arguments; "extra" was given`},
		{[]string{"lesson", "list", "--for", "wlak"}, `did you mean "walk"`},
		{[]string{"lesson", "show"}, "none was given"},
		{[]string{"lesson", "show", "x"}, `lesson id "x" is not a number: use the id shown by stride lesson list`},
		{[]string{"lesson", "show", "999"}, "no lesson with id 999"},
		{[]string{"lesson", "edit", "1"}, "nothing to change"},
		{[]string{"lesson", "edit", "1", "--date", "tomorrow"}, "is in the future"},
		{[]string{"lesson", "edit", "1", "--theme", "a\tb"}, "comma or a line break"},
		{[]string{"lesson", "edit", "1", "--for", "wlak"}, `did you mean "walk"`},
		{[]string{"lesson", "edit", "999", "--next", "x"}, "no lesson with id 999"},
		{[]string{"lesson", "delete", "999"}, "no lesson with id 999"},
		{[]string{"lesson", "themes", "--bogus"}, "unknown flag"},
	})
}
