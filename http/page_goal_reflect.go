package http

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// goalReflectView is the reflective part of a goal's page: its done-when
// and whether it is met, how far it has come, and its journal.
type goalReflectView struct {
	DoneWhen   string // the done-when in words, "" when none was set
	Met        bool
	MetNote    string // said when met, suggesting to finish
	CanMark    bool   // a done-when text the user may say is met
	GoodEnough string
	Far        string
	FarLater   string
	Journal    []journalLine
}

// journalLine is one entry of a goal's journal: a step's note and what it
// taught, or a lesson.
type journalLine struct {
	date     stride.Date
	Day      string
	StepID   int64
	Note     string
	Learned  string
	LessonID int64
	Lesson   string
}

// journalShown is how many entries a goal's journal shows.
const journalShown = 30

// goalReflect reads what the goal page shows besides its charts: how far
// it has come and its lessons; steps are the latest steps already read.
func (s *Server) goalReflect(ctx context.Context, g *stride.Goal, steps []*stride.Step, today stride.Date, finished bool) (goalReflectView, error) {
	v := goalReflectView{DoneWhen: g.DoneWhen}
	if g.DoneWhenAmount != nil {
		amount := words.Amount(*g.DoneWhenAmount, g.Unit) + " in all"
		if v.DoneWhen == "" {
			v.DoneWhen = amount
		} else {
			v.DoneWhen += " (" + amount + ")"
		}
	}
	if v.DoneWhen != "" && !finished {
		v.Met = g.DoneWhenMet != nil
		v.CanMark = !v.Met && g.DoneWhen != ""
		if v.Met {
			v.MetNote = words.DoneWhenMet(g)
			if g.EditsAfterMet >= 2 {
				v.GoodEnough = words.GoodEnough(g.EditsAfterMet)
			}
		}
	}
	far, err := s.svc.Reviews.HowFarGoal(ctx, g.ID, today)
	switch {
	case err == nil && far != nil:
		unit := g.Unit
		if unit == "" {
			unit = "days"
		}
		v.Far = words.FarLine(far, unit)
	case err == nil || stride.ErrorCode(err) == stride.ENOTFOUND:
		v.FarLater = words.HowFarLater
	default:
		return v, err
	}
	for _, st := range steps {
		if st.Note != "" || st.Learned != "" {
			v.Journal = append(v.Journal, journalLine{date: st.Day, Day: words.Day(st.Day), StepID: st.ID, Note: st.Note, Learned: st.Learned})
		}
	}
	lessons, err := s.svc.Lessons.FindLessons(ctx, stride.LessonFilter{GoalID: &g.ID, Limit: journalShown})
	if err != nil {
		return v, err
	}
	for _, l := range lessons {
		v.Journal = append(v.Journal, journalLine{date: l.Day, Day: words.Day(l.Day), LessonID: l.ID, Lesson: newLessonLine(l).Summary})
	}
	sort.SliceStable(v.Journal, func(i, j int) bool { return v.Journal[i].date > v.Journal[j].date })
	if len(v.Journal) > journalShown {
		v.Journal = v.Journal[:journalShown]
	}
	return v, nil
}

// handleGoalMetPage says a goal's done-when is met today, or clears the
// mark (met=no); finishing stays the user's choice.
func (s *Server) handleGoalMetPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		if g.DoneWhen == "" && g.DoneWhenAmount == nil {
			s.renderError(w, r, http.StatusUnprocessableEntity, g.Name+" has no done-when yet: say what “complete” means on its edit page first.")
			return
		}
		var day *stride.Date
		msg := "The done-when of " + g.Name + " is open again."
		if r.PostFormValue("met") != "no" {
			today := s.today(ctx)
			day = &today
			msg = "The done-when of " + g.Name + " is met. Well done: you can mark the goal done below, or keep going."
		}
		if _, err := s.svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{DoneWhenMet: &day}); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, fmt.Sprintf("/goals/%d", g.ID), msg)
	})
}
