package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// stepForm is a step's fields as the forms send them.
type stepForm struct {
	Amount, Note, Learned, Effort, Energy, Date string
}

func readStepForm(r *http.Request) stepForm {
	return stepForm{
		Amount: strings.TrimSpace(r.PostFormValue("amount")), Note: r.PostFormValue("note"), Learned: r.PostFormValue("learned"),
		Effort: strings.TrimSpace(r.PostFormValue("effort")), Energy: strings.TrimSpace(r.PostFormValue("energy")),
		Date: strings.TrimSpace(r.PostFormValue("date")),
	}
}

// cliTakeBack ends stride.ParseAmount's refusal of an amount of 0 or
// less with the CLI's ways to take a step back, which the CLI's messages
// keep; the web app and the API say what they offer instead.
const cliTakeBack = "; to take one back, use stride undo or stride step edit"

// amountMessage is ParseAmount's error with takeBack in place of the
// CLI's commands ("" leaves them out).
func amountMessage(err error, takeBack string) string {
	msg := stride.ErrorMessage(err)
	if head, ok := strings.CutSuffix(msg, cliTakeBack); ok {
		return head + takeBack
	}
	return msg
}

// stepValues is a step form read and checked.
type stepValues struct {
	Amount float64
	Day    stride.Date
	Effort *float64
	Energy *int
	Note   string
	// Learned is what the step taught: a reflection, not only what was done.
	Learned string
}

// parse checks the form for a goal kept in unit; an empty amount is one
// time on a check goal, an empty date is today.
func (f stepForm) parse(unit string, today stride.Date) (stepValues, fieldErrors) {
	errs := fieldErrors{}
	v := stepValues{Note: strings.TrimSpace(f.Note), Learned: strings.TrimSpace(f.Learned)}
	switch {
	case f.Amount == "" && unit == "":
		v.Amount = 1
	case unit == "":
		// a yes/no goal: done or not
		if a, err := stride.ParseAmount(f.Amount, unit); err != nil || a != 1 {
			errs["amount"] = "This goal is yes or no: a step is done or not, so leave the amount empty (it counts once)."
		}
		v.Amount = 1
	case f.Amount == "":
		errs["amount"] = "Give an amount, however small: " + words.Amount(1, unit) + " counts."
	default:
		a, err := stride.ParseAmount(f.Amount, unit)
		if err != nil {
			errs["amount"] = amountMessage(err, "; to take one back, delete or edit the step on the goal page")
		}
		v.Amount = a
	}
	day, err := formDate(f.Date, today, today)
	if err != nil {
		errs["date"] = stride.ErrorMessage(err)
	} else if day > today {
		errs["date"] = words.Day(day) + " is still to come: steps record what was done, on today or earlier."
	}
	v.Day = day
	if f.Effort != "" {
		m, ok := stride.ParseDurationMinutes(f.Effort)
		if !ok || m < 0 || m > 24*60 {
			errs["effort"] = fmt.Sprintf("Effort %q is not a time spent: use minutes (20), or 1h30m, up to 24h.", f.Effort)
		} else {
			v.Effort = &m
		}
	}
	if f.Energy != "" {
		n, err := strconv.Atoi(f.Energy)
		if err != nil || n < 1 || n > 5 {
			errs["energy"] = "Energy is 1 (drained) to 5 (full of energy), or leave it out."
		} else {
			v.Energy = &n
		}
	}
	checkLen(errs, "note", "The note", v.Note, stride.MaxNoteLen)
	checkLen(errs, "learned", "What you learned", v.Learned, stride.MaxNoteLen)
	return v, errs
}

// handleStepLog logs a step from a card's one-tap or custom form. With
// htmx it answers with the card re-rendered; without, it redirects back
// with a note of what the step did to momentum.
func (s *Server) handleStepLog() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		today := s.today(ctx)
		g, ok := s.goalAction(w, r)
		if !ok {
			return
		}
		form := readStepForm(r)
		back := localPath(r.PostFormValue("back"), "/")
		v, errs := form.parse(g.Unit, today)
		if len(errs) > 0 {
			s.stepLogRetry(w, r, g.ID, today, form, errs)
			return
		}
		before, err := s.svc.Status.GoalStatus(ctx, g.ID, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		st := &stride.Step{GoalID: g.ID, Day: v.Day, Amount: v.Amount, Effort: v.Effort, Energy: v.Energy, Note: v.Note,
			Learned: v.Learned, RequestID: r.PostFormValue("request_id")}
		if err := st.Validate(); err != nil {
			s.stepLogRetry(w, r, g.ID, today, form, fieldErrors{"amount": stride.ErrorMessage(err)})
			return
		}
		created, err := s.svc.Steps.CreateStep(ctx, st)
		if stride.ErrorCode(err) == stride.EINVALID { // the store's checks of the step: the form says why
			s.stepLogRetry(w, r, g.ID, today, form, fieldErrors{"amount": stride.ErrorMessage(err)})
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		after, err := s.svc.Status.GoalStatus(ctx, g.ID, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		moved := "momentum " + words.Moved(before.Momentum, after.Momentum) // a small first step shows too, as in stride log
		msg := stepLoggedMessage(g, created, moved)
		wins := stepWins(g, created)
		if !isHTMX(r) {
			s.redirect(w, r, back, strings.Join(append([]string{msg}, wins...), " "))
			return
		}
		recent, err := s.recentSteps(ctx, &g.ID, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		card := newCard(after, recent[g.ID], today)
		card.Level = s.cardLevel(ctx, after)
		card.MovedFrom, card.Message, card.Wins = words.Pct(before.Momentum), msg, wins
		s.renderPart(w, r, http.StatusOK, "board.html", "card", card)
	})
}

// stepLoggedMessage says what a new step did to momentum.
func stepLoggedMessage(g *stride.Goal, c *stride.StepCreated, moved string) string {
	if c.Replayed {
		return "That step was already logged; it counts once. " + strings.ToUpper(moved[:1]) + moved[1:] + "."
	}
	return fmt.Sprintf("Logged %s for %s on %s: %s.", words.Amount(c.Step.Amount, g.Unit), g.Name, words.Day(c.Step.Day), moved)
}

// stepWins returns the wins a new step earned, in words: the goal's first
// step, each milestone it crossed, the done-when it reached. They come
// from what CreateStep reported, so they cost no read; the wins of whole
// weeks are on the wins page and in the review.
func stepWins(g *stride.Goal, c *stride.StepCreated) []string {
	if c.Replayed {
		return nil
	}
	var wins []*stride.Win
	day := c.Step.Day
	if c.FirstStep && g.Direction != stride.AtMost { // a limit's first entry is no progress (review.GoalWins)
		wins = append(wins, &stride.Win{Kind: stride.WinFirstStep, Day: day, GoalID: &g.ID, Goal: g.Name})
	}
	for _, m := range c.Milestones {
		wins = append(wins, &stride.Win{Kind: stride.WinMilestone, Day: day, GoalID: &g.ID, Goal: g.Name, Amount: m, Unit: g.Unit})
	}
	if c.DoneWhenReached {
		win := &stride.Win{Kind: stride.WinDoneWhen, Day: day, GoalID: &g.ID, Goal: g.Name, Unit: g.Unit}
		if g.DoneWhenAmount != nil {
			win.Amount = *g.DoneWhenAmount
		}
		wins = append(wins, win)
	}
	var out []string
	for _, w := range wins {
		out = append(out, words.WinText(w))
	}
	if c.DoneWhenReached {
		out = append(out, words.DoneWhenReached)
	}
	return out
}

// stepLogRetry shows the log form again with what to fix: the card alone
// for htmx, the whole board otherwise, both with 422.
func (s *Server) stepLogRetry(w http.ResponseWriter, r *http.Request, goalID int64, today stride.Date, form stepForm, errs fieldErrors) {
	ctx := r.Context()
	view, err := s.board(ctx, today)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	card := view.card(goalID)
	if card == nil { // a goal not on the board (paused, done): show its own card
		gs, err := s.svc.Status.GoalStatus(ctx, goalID, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		card = newCard(gs, nil, today)
		view.Cards = append(view.Cards, card)
	}
	card.Errors, card.Form, card.Open = errs, form, true
	if isHTMX(r) {
		s.renderPart(w, r, http.StatusUnprocessableEntity, "board.html", "card", card)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "board.html",
		page{Title: "Today", Nav: "today", Error: "The step was not logged yet: see the note beside the form.", Data: view})
}
