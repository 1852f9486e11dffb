package http

import (
	"html/template"
	"net/http"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/chart"
	"github.com/strideapp/stride/momentum"
	"github.com/strideapp/stride/words"
)

// stepsShown is how many of a goal's latest steps its page lists; the
// rest are on its steps page, month by month. Its journal looks for notes
// among the latest stepsRead.
const (
	stepsShown = 12
	stepsRead  = 60
)

// goalView is a goal's page.
type goalView struct {
	Goal  *stride.Goal
	State string // in words: "active", "paused until Mon 2026-06-22", "done on Mon 2026-06-22"
	// Active is a goal that asks something of today; a paused, done or
	// archived one shows its record and no pace or step for today.
	Active     bool
	Paused     bool
	Finished   bool // done or archived
	Momentum   string
	Pace       string
	PaceWord   string
	PaceState  stride.PaceState
	Start      string
	Total      string
	Targets    []targetLine
	ToCome     string // the targets set to start after today, in words
	Heatmap    template.HTML
	HeatKey    chart.Key
	Trend      template.HTML
	Weeks      template.HTML
	WeeksNote  string // how to read the weeks' chart: a limit's line is the limit
	Milestones []milestoneLine
	Why        whyView
	Steps      []stepLine
	MoreSteps  bool
	Today      string // YYYY-MM-DD for the date fields
	// Reflect is the done-when, how far the goal has come and its journal.
	Reflect goalReflectView
	// Family is the goal it is part of and its sub-goals.
	Family goalFamily
}

// targetLine is one target of a goal's history: the one in effect today
// (Current), one before it, or one still to come.
type targetLine struct {
	Text    string
	From    string
	Current bool
	Before  bool
}

// milestoneLine is a milestone, reached or still ahead.
type milestoneLine struct {
	Amount  string
	Reached string // the day, when reached
	ToGo    string // what is left, when not
}

// whyView is words.Explain laid out for the page, as `stride why` prints it.
type whyView struct {
	Trend              string
	Up, Down, Softened []string
	Rest               string
	How                string
	Today              string
	Nudge              bool
}

// handleGoalPage shows one goal: its charts, milestones, why momentum is
// where it is, and its latest steps.
func (s *Server) handleGoalPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u := stride.UserFromContext(ctx)
		today := s.today(ctx)
		g, ok := s.pageGoal(w, r)
		if !ok {
			return
		}
		st, err := s.svc.Status.GoalStatus(ctx, g.ID, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		// One history read serves the year's heatmap, the trend, the weeks
		// and the explanation.
		yearAgo := today.AddDays(-364)
		from := min(yearAgo, words.HistoryFrom(g, today))
		from = min(max(from, g.Start), today)
		days, err := s.svc.Status.GoalHistory(ctx, g.ID, from, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		steps, err := s.svc.Steps.FindSteps(ctx, stride.StepFilter{GoalID: &g.ID, Latest: true, Limit: stepsRead})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view := newGoalView(g, st, days, steps, today, u.WeekStart)
		if view.Reflect, err = s.goalReflect(ctx, g, steps, today, view.Finished); err != nil {
			s.pageError(w, r, err)
			return
		}
		if view.Family, err = s.goalFamily(ctx, g, today); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "goal.html", page{Title: g.Name, Nav: "goals", Data: view})
	})
}

// newGoalView lays out a goal's page from what the handler read.
func newGoalView(g *stride.Goal, st *stride.GoalStatus, days []stride.Day, steps []*stride.Step, today stride.Date, weekStart time.Weekday) *goalView {
	v := &goalView{
		Goal: g, Momentum: words.Pct(st.Momentum), Pace: words.Pace(st.Pace, st.Unit), PaceWord: words.PaceWord(st.Pace),
		PaceState: st.Pace.State, Start: words.Day(g.Start), Total: words.Amount(g.Total, g.Unit), Today: today.String(),
	}
	v.State = words.GoalState(g, today)
	switch g.StateOn(today) {
	case stride.GoalPaused:
		v.Paused = true
	case stride.GoalDone, stride.GoalArchived:
		v.Finished = true
	default:
		v.Active = true
	}
	now := g.TargetOn(today)
	for _, t := range g.Targets {
		v.Targets = append(v.Targets, targetLine{Text: words.Target(g, t), From: words.Day(t.From),
			Current: t == now, Before: t.From < now.From})
	}
	v.ToCome = words.TargetsToCome(g, today)
	var year, trend []stride.Day
	for i, d := range days {
		if d.Date >= today.AddDays(-364) {
			year = append(year, days[i])
		}
		if d.Date >= today.AddDays(-26*7+1) {
			trend = append(trend, days[i])
		}
	}
	v.Heatmap = chart.Heatmap(year, weekStart, g)
	if v.Heatmap != "" {
		v.HeatKey = chart.HeatmapKey(g)
	}
	v.Trend = chart.Trend(trend)
	v.Weeks = chart.Weeks(momentum.Weeks(g, days, weekStart, today, 12), g)
	v.WeeksNote = words.WeeksNote(g)
	for _, m := range g.Milestones {
		l := milestoneLine{Amount: words.Amount(m.Amount, g.Unit)}
		if m.Reached != nil {
			l.Reached = words.Day(*m.Reached)
		} else {
			l.ToGo = words.Amount(max(0, m.Amount-g.Total), g.Unit) + " to go"
		}
		v.Milestones = append(v.Milestones, l)
	}
	why := words.Explain(g, st, days, today)
	v.Why = whyView{Trend: why.Trend(), Rest: why.RestSentence(), How: why.HowItWorks()}
	for _, m := range why.Up {
		v.Why.Up = append(v.Why.Up, m.Sentence(g))
	}
	for _, m := range why.Down {
		v.Why.Down = append(v.Why.Down, m.Sentence(g))
	}
	for _, m := range why.Softened {
		v.Why.Softened = append(v.Why.Softened, m.Sentence(g))
	}
	v.Why.Today, v.Why.Nudge = why.Today()
	if len(steps) > stepsShown {
		steps, v.MoreSteps = steps[:stepsShown], true
	}
	for _, s := range steps {
		v.Steps = append(v.Steps, newStepLine(s, g.Unit))
	}
	return v
}
