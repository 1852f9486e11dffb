package review

import (
	"encoding/json"
	"testing"

	"github.com/strideapp/stride"
)

// The fixed data set of the weekly summary: the week of Mon 2026-03-02,
// summarised on Friday Mar 6 (Saturday and Sunday have not happened).
func summaryWeek() Week {
	week, today := day(3, 2), day(3, 6)

	// gym: a check goal, 3 times/week. Mon (45 min effort), Wed twice (30
	// and 30), Fri: 3 days with a step, 4 steps, 105 min of effort.
	gym := newRec(goal(10, "gym", "3 times/week", day(2, 1))).
		step(day(3, 2), 1, 45).step(day(3, 4), 1, 30).step(day(3, 4), 1, 30).step(day(3, 6), 1, 0).
		momentum(day(3, 1), day(3, 1), 0.5).momentum(day(3, 6), day(3, 6), 0.625)

	// read: 100 pages/week, raised to 150 from Thursday, so the week is
	// judged by 150; Tuesday skipped: a share of 150×6/7. 20+30+25+10 = 85.
	readGoal := goal(11, "read", "100 pages/week", day(1, 1))
	raised, _, _ := stride.ParseTarget("150 pages/week")
	raised.From = day(3, 5)
	readGoal.Targets = append(readGoal.Targets, raised)
	readGoal.Target = raised
	read := newRec(readGoal).
		step(day(3, 2), 20, 0).held(day(3, 3), day(3, 3)).step(day(3, 4), 30, 0).step(day(3, 5), 25, 40).step(day(3, 6), 10, 0).
		momentum(day(3, 1), day(3, 1), 0.25).momentum(day(3, 6), day(3, 6), 0.375)

	// save: 200 eur/month, a week's share 200×7/30.
	save := newRec(goal(12, "save", "200 eur/month", day(1, 1))).step(day(3, 4), 50, 0).
		momentum(day(3, 1), day(3, 1), 0.125).momentum(day(3, 6), day(3, 6), 0.25)

	// coffee: at most 2 cups/day, judged day by day: Tuesday's 3 cups
	// went over, the other 4 days counted so far kept within it (10 cups
	// of the week's 14 say nothing about that).
	coffee := newRec(goal(13, "coffee", "at most 2 cups/day", day(2, 15))).
		step(day(3, 2), 2, 0).step(day(3, 3), 3, 0).step(day(3, 4), 1, 0).step(day(3, 5), 2, 0).step(day(3, 6), 2, 0).
		momentum(day(3, 1), day(3, 6), 0.75)

	// spanish: 15 min/day from Thursday: a share of 105×4/7 = 60.
	spanish := newRec(goal(14, "spanish", "15 min/day", day(3, 5))).step(day(3, 5), 15, 0).
		momentum(day(3, 6), day(3, 6), 0.0625)

	// Not in the summary: archived, finished before the week, paused all
	// week, starting after today.
	oldGoal := goal(15, "old", "30 min/day", day(1, 1))
	oldGoal.State = stride.GoalArchived
	piano := goal(16, "piano", "2h/week", day(1, 1))
	piano.State, piano.FinishedOn = stride.GoalDone, ptr(day(2, 20))
	pausedGoal := goal(17, "paused", "daily", day(1, 1))
	pausedGoal.State = stride.GoalPaused
	paused := newRec(pausedGoal).held(day(3, 2), day(3, 6))
	later := goal(18, "later", "10 min/day", day(3, 7))

	rec := func(r *rec) Record { return r.record(max(r.g.Start, week-1), today) }
	return Week{
		From: week, Today: today,
		Goals: []Record{rec(coffee), rec(gym), {Goal: later}, rec(newRec(oldGoal)), rec(paused), rec(newRec(piano)),
			rec(read), rec(save), rec(spanish)},
		Wins: []*stride.Win{
			{Kind: stride.WinFirstStep, Day: day(3, 1), Goal: "gym"},
			{Kind: stride.WinMilestone, Day: day(3, 4), Goal: "read", Amount: 1000, Unit: "pages"},
			{Kind: stride.WinBestWeek, Day: day(3, 7), Goal: "read"},
		},
		// newest first, as the store lists them
		Lessons: []*stride.Lesson{
			{ID: 2, Day: day(3, 5), Happened: "ran late", Themes: []string{"time"}},
			{ID: 4, Day: day(3, 4), Happened: "tired", Themes: []string{"energy", "sleep"}},
			{ID: 1, Day: day(3, 3), Happened: "meetings", Themes: []string{"time", "energy"}},
			{ID: 3, Day: day(2, 27), Happened: "away", Themes: []string{"travel"}},
		},
		Focus: []*stride.Focus{
			{ID: 5, Day: day(3, 6), Text: "call the bank"},
			{ID: 4, Day: day(3, 5), Text: "outline", Done: true},
			{ID: 3, Day: day(3, 3), Text: "draft"},
			{ID: 2, Day: day(3, 2), Text: "plan", Done: true},
			{ID: 1, Day: day(2, 28), Text: "rest", Done: true},
		},
		Works: []*stride.Work{{ID: 1, Name: "essay"}, {ID: 2, Name: "talk"}, {ID: 3, Name: "zine"}},
		Iterations: []*stride.Iteration{
			{WorkID: 2, Version: 1, Day: day(2, 25), Kind: stride.IterationChange, Effort: ptr(60.0)}, // the week before
			{WorkID: 1, Version: 1, Day: day(3, 2), Kind: stride.IterationChange, Effort: ptr(45.0)},
			{WorkID: 3, Version: 2, Day: day(3, 3), Kind: stride.IterationShip},
			{WorkID: 1, Version: 1, Day: day(3, 4), Kind: stride.IterationShip},
			{WorkID: 1, Version: 2, Day: day(3, 5), Kind: stride.IterationChange, Effort: ptr(30.0)},
		},
		Far: &stride.HowFar{First: stride.Stretch{PerWeek: 9}, Last: stride.Stretch{PerWeek: 12}},
	}
}

func TestSummarize(t *testing.T) {
	in := summaryWeek()
	want := &stride.WeekSummary{
		From: day(3, 2), To: day(3, 8),
		Goals: []stride.GoalWeek{
			{GoalID: 13, Name: "coffee", Unit: "cups", Direction: stride.AtMost, Total: 10, Target: 14,
				TargetText: "at most 2 cups/day", MomentumStart: 0.75, MomentumEnd: 0.75, Steps: 5,
				DaysJudged: 5, DaysOver: 1, Limit: "2 cups a day"},
			{GoalID: 10, Name: "gym", Direction: stride.AtLeast, Total: 3, Target: 3, TargetText: "3 times/week", Count: true,
				MomentumStart: 0.5, MomentumEnd: 0.625, Steps: 4, Effort: 105},
			{GoalID: 11, Name: "read", Unit: "pages", Direction: stride.AtLeast, Total: 85, Target: 150.0 * 6 / 7,
				TargetText: "150 pages/week", MomentumStart: 0.25, MomentumEnd: 0.375, Steps: 4, Effort: 40, Held: 1},
			{GoalID: 12, Name: "save", Unit: "eur", Direction: stride.AtLeast, Total: 50, Target: 200.0 * 7 / 30,
				TargetText: "200 eur/month", MomentumStart: 0.125, MomentumEnd: 0.25, Steps: 1},
			{GoalID: 14, Name: "spanish", Unit: "min", Direction: stride.AtLeast, Total: 15, Target: 60,
				TargetText: "15 min/day", MomentumEnd: 0.0625, Steps: 1},
		},
		Wins:      []*stride.Win{in.Wins[1]},
		Lessons:   []*stride.Lesson{in.Lessons[2], in.Lessons[1], in.Lessons[0]},
		Themes:    []stride.ThemeCount{{Name: "energy", Count: 2}, {Name: "time", Count: 2}, {Name: "sleep", Count: 1}},
		Focus:     []*stride.Focus{in.Focus[3], in.Focus[2], in.Focus[1], in.Focus[0]},
		FocusDone: 2,
		Works: []stride.WorkWeek{
			{WorkID: 1, Name: "essay", Iterations: 2, Shipped: []int{1}, Effort: 75},
			{WorkID: 3, Name: "zine", Shipped: []int{2}},
		},
		Effort: 145,
		Steps:  15,
		Far:    in.Far,
	}
	got := Summarize(in)
	if g, w := js(t, got), js(t, want); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

func TestSummarizeEmpty(t *testing.T) {
	got := js(t, Summarize(Week{From: day(3, 2), Today: day(3, 20)}))
	want := `{
  "from": "2026-03-02",
  "to": "2026-03-08",
  "goals": [],
  "wins": [],
  "lessons": [],
  "themes": [],
  "focus": [],
  "focus_done": 0,
  "works": [],
  "effort_minutes": 0,
  "steps": 0
}`
	if got != want {
		t.Errorf("an empty week has empty lists, not null:\n%s", got)
	}
}

// The whole week counts once it is over; steps after it are left out.
func TestGoalWeekOfWholeWeek(t *testing.T) {
	r := newRec(goal(1, "walk", "30 min/day", day(2, 1))).
		step(day(3, 2), 30, 0).step(day(3, 8), 40, 20).step(day(3, 9), 50, 0).held(day(3, 7), day(3, 7)).
		momentum(day(3, 8), day(3, 8), 0.5).momentum(day(3, 9), day(3, 9), 0.55)
	gw, active := GoalWeekOf(r.record(day(3, 1), day(3, 9)), day(3, 2), day(3, 20))
	want := stride.GoalWeek{GoalID: 1, Name: "walk", Unit: "min", Direction: stride.AtLeast, Total: 70, Target: 180,
		TargetText: "30 min/day", MomentumEnd: 0.5, Steps: 2, Effort: 20, Held: 1}
	if !active || gw != want {
		t.Errorf("got %+v (active %v)\nwant %+v", gw, active, want)
	}
}

func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A limit judged day by day counts its days, and a rest day is none of
// them: the walkthrough's phone, at most 1h/day, 2h on Monday to
// Wednesday and Saturday held, is over on 3 of its 6 days, whatever its
// 6h against the week's share of 6h. A weekly limit has no days counted.
func TestGoalWeekOfLimitDays(t *testing.T) {
	r := newRec(goal(1, "phone", "at most 1h/day", day(2, 2))).
		daily(day(3, 2), 120, 120, 120, 0, 30).held(day(3, 7), day(3, 7))
	gw, _ := GoalWeekOf(r.record(day(3, 1), day(3, 8)), day(3, 2), day(3, 20))
	if gw.DaysJudged != 6 || gw.DaysOver != 3 || gw.Limit != "1h a day" || gw.Total != 390 || gw.Target != 360 {
		t.Errorf("phone: %+v", gw)
	}
	r = newRec(goal(2, "drinks", "at most 10 drinks/week", day(2, 2))).daily(day(3, 2), 8, 8)
	if gw, _ := GoalWeekOf(r.record(day(3, 1), day(3, 8)), day(3, 2), day(3, 20)); gw.DaysJudged != 0 || gw.DaysOver != 0 || gw.Limit != "" {
		t.Errorf("drinks: %+v", gw)
	}
	// A monthly limit is judged day by day too, by its rolling 30 days: 4
	// drinks in a week is within 8 a month, not over the week's share
	// (1.9); 6 more the week after take the window over on its last day.
	r = newRec(goal(3, "wine", "at most 8 drinks/month", day(2, 2))).daily(day(3, 2), 2, 0, 2).daily(day(3, 9), 0, 0, 0, 0, 0, 0, 6)
	gw, _ = GoalWeekOf(r.record(day(3, 1), day(3, 16)), day(3, 2), day(3, 20))
	if gw.DaysJudged != 7 || gw.DaysOver != 0 || gw.Limit != "8 drinks a month" || gw.Total != 4 {
		t.Errorf("wine: %+v", gw)
	}
	if gw, _ = GoalWeekOf(r.record(day(3, 1), day(3, 16)), day(3, 9), day(3, 20)); gw.DaysJudged != 7 || gw.DaysOver != 1 {
		t.Errorf("wine, the week after: %+v", gw)
	}
}
