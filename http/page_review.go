package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// reviewView is the weekly review: the week's automatic summary and the
// four prompts, in one page and one form.
type reviewView struct {
	Week     string // YYYY-MM-DD, the week's first day
	Range    string
	Prev     string // the previous week's review, a link
	Next     string // the next week's, when it has begun
	Intro    string
	Summary  *summaryView
	Saved    string // when a review of the week was saved, in words
	Prompts  []questionField
	Errors   fieldErrors
	FocusDay string // the day next week's focus is set on, in words; "" when it is past
}

// summaryView is a week's summary laid out for a page.
type summaryView struct {
	Goals     []summaryGoal
	Quiet     string // said of a week with nothing in the record (stride.WeekSummary.Quiet)
	Steps     int
	Effort    string
	Wins      []string
	Lessons   []lessonLine
	Themes    string
	Focus     []focusLine
	FocusKept string
	Works     []summaryWork
	Far       string
}

// summaryGoal is one goal's week.
type summaryGoal struct {
	ID   int64
	Name string
	Line string
}

// summaryWork is one work's week.
type summaryWork struct {
	ID   int64
	Name string
	Line string
}

// reviewsView is the timeline of past reviews.
type reviewsView struct {
	Reviews []reviewLine
	None    string
	This    string // the current week's review, a link
}

// reviewLine is one review in the timeline.
type reviewLine struct {
	Week      string
	Range     string
	WentWell  string
	NextFocus string
	Record    string // "12 steps across 3 goals"
}

// pastReviewView is a saved review, as it was written.
type pastReviewView struct {
	Review  *stride.Review
	Week    string
	Range   string
	Summary *summaryView
	Answers []answerLine
}

// newSummaryView lays out a week's summary.
func newSummaryView(sum *stride.WeekSummary) *summaryView {
	v := &summaryView{Steps: sum.Steps, Effort: words.Effort(sum.Effort), Themes: words.Themes(sum.Themes),
		FocusKept: words.WeekFocusLine(sum.Focus, sum.To)}
	if sum.Quiet() {
		v.Quiet = words.QuietWeekLine
	}
	for _, gw := range sum.Goals {
		v.Goals = append(v.Goals, summaryGoal{ID: gw.GoalID, Name: gw.Name, Line: strings.TrimPrefix(words.WeekGoalLine(gw), gw.Name+": ")})
	}
	for _, w := range sum.Wins {
		text := w.Text
		if text == "" {
			text = words.WinText(w)
		}
		v.Wins = append(v.Wins, text)
	}
	for _, l := range sum.Lessons {
		v.Lessons = append(v.Lessons, newLessonLine(l))
	}
	for _, f := range sum.Focus {
		l := focusLine{ID: f.ID, Day: words.Day(f.Day), Text: f.Text, Done: f.Done}
		if f.CarriedFrom != nil {
			l.Carried = words.FocusCarried(*f.CarriedFrom)
		}
		v.Focus = append(v.Focus, l)
	}
	for _, ww := range sum.Works {
		v.Works = append(v.Works, summaryWork{ID: ww.WorkID, Name: ww.Name, Line: strings.TrimPrefix(words.WeekWorkLine(ww), ww.Name+": ")})
	}
	if sum.Far != nil {
		v.Far = words.FarLine(sum.Far, "steps")
	}
	return v
}

// reviewWeek reads a week from a form or query value: any day of it; when
// empty the current week, or the week just past on its first two days, as
// stride review. It returns EINVALID for a week not begun yet.
func reviewWeek(v string, today stride.Date, start time.Weekday) (stride.Date, error) {
	if strings.TrimSpace(v) == "" {
		return stride.DefaultReviewWeek(today, start), nil
	}
	d, err := formDate(v, today, today)
	if err != nil {
		return 0, err
	}
	week := d.StartOfWeek(start)
	if week > today {
		return 0, stride.Errorf(stride.EINVALID, "the week of %s has not begun yet: review this week or an earlier one", words.Day(week))
	}
	return week, nil
}

// reviewPage renders the review of a week: the summary as the record
// stands, and the prompts with form's answers (or the saved ones).
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, status int, week stride.Date, form *stride.Review, errs fieldErrors, msg string) {
	ctx := r.Context()
	today := s.today(ctx)
	sum, err := s.svc.Reviews.SummarizeWeek(ctx, week, today)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	view := reviewView{Week: week.String(), Range: words.WeekRange(week, week.AddDays(6)), Intro: words.ReviewIntro,
		Summary: newSummaryView(sum), Errors: errs, Prev: "/review?week=" + week.AddDays(-7).String()}
	if next := week.AddDays(7); next <= today {
		view.Next = "/review?week=" + next.String()
	}
	if next := week.AddDays(7); next >= today {
		view.FocusDay = words.Day(next)
	}
	saved, err := s.svc.Reviews.FindReviewByWeek(ctx, week)
	switch stride.ErrorCode(err) {
	case "":
		view.Saved = "saved " + saved.UpdatedAt.In(s.location(stride.UserFromContext(ctx))).Format("Mon 2 Jan 15:04")
		if form == nil {
			form = saved
		}
	case stride.ENOTFOUND:
	default:
		s.pageError(w, r, err)
		return
	}
	if form == nil {
		form = &stride.Review{}
	}
	answers := map[string]string{"went_well": form.WentWell, "learned": form.Learned, "obstacles": form.Obstacles, "next_focus": form.NextFocus}
	for _, q := range words.ReviewPrompts {
		view.Prompts = append(view.Prompts, questionField{Question: q, Value: answers[q.Field]})
	}
	s.render(w, r, status, "review.html", page{Title: "Weekly review", Nav: "review", Error: msg, Data: view})
}

// handleReviewPage shows the review of ?week= (any day of it; this week
// by default): the summary and the prompts together.
func (s *Server) handleReviewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u := stride.UserFromContext(ctx)
		week, err := reviewWeek(r.URL.Query().Get("week"), s.today(ctx), u.WeekStart)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.reviewPage(w, r, http.StatusOK, week, nil, nil, "")
	})
}

// handleReviewSavePage saves the answers with the week's summary as it
// stands, and sets next week's focus on its first day when that day has
// not passed.
func (s *Server) handleReviewSavePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u := stride.UserFromContext(ctx)
		today := s.today(ctx)
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		week, err := reviewWeek(r.PostFormValue("week"), today, u.WeekStart)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rv := &stride.Review{Week: week, WentWell: r.PostFormValue("went_well"), Learned: r.PostFormValue("learned"),
			Obstacles: r.PostFormValue("obstacles"), NextFocus: r.PostFormValue("next_focus")}
		errs := fieldErrors{}
		for _, q := range words.ReviewPrompts {
			checkLen(errs, q.Field, "This answer", r.PostFormValue(q.Field), stride.MaxTextLen)
		}
		checkLen(errs, "next_focus", "The focus", strings.TrimSpace(rv.NextFocus), 500)
		if len(errs) == 0 {
			if err := rv.Validate(); err != nil {
				errs["went_well"] = stride.ErrorMessage(err)
			}
		}
		// The next focus is set when it is new or changed: saving the
		// review again must not undo a focus changed since.
		prevFocus := ""
		if prev, err := s.svc.Reviews.FindReviewByWeek(ctx, week); err == nil {
			prevFocus = prev.NextFocus
		} else if stride.ErrorCode(err) != stride.ENOTFOUND {
			s.pageError(w, r, err)
			return
		}
		if len(errs) == 0 {
			if rv.Summary, err = s.svc.Reviews.SummarizeWeek(ctx, week, today); err != nil {
				s.pageError(w, r, err)
				return
			}
			if err := s.svc.Reviews.SaveReview(ctx, rv); err != nil && !storeFieldError(errs, "went_well", err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.reviewPage(w, r, http.StatusUnprocessableEntity, week, rv, errs, "The review is not saved yet: see the note beside the field.")
			return
		}
		focusDay, kept, err := s.setNextFocus(ctx, rv, prevFocus, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		msg := words.ReviewSaved(week, focusDay)
		if kept != nil {
			msg += " " + words.FocusKept(kept)
		}
		s.redirect(w, r, "/reviews/"+week.String(), msg)
	})
}

// setNextFocus makes a review's next focus the focus of the next week's
// first day, unless that day has passed, the focus is the one an earlier
// save already set (prev), or the day has a focus of its own (kept, which
// a review never replaces: it may be done already); it returns the day
// it set.
func (s *Server) setNextFocus(ctx context.Context, rv *stride.Review, prev string, today stride.Date) (set *stride.Date, kept *stride.Focus, err error) {
	day := rv.Week.AddDays(7)
	if rv.NextFocus == "" || strings.TrimSpace(rv.NextFocus) == strings.TrimSpace(prev) || day < today {
		return nil, nil, nil
	}
	if old, err := s.svc.Focus.FindFocusByDay(ctx, day); err == nil && old.Text != strings.TrimSpace(prev) {
		return nil, old, nil
	} else if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
		return nil, nil, err
	}
	if err := s.svc.Focus.SetFocus(ctx, &stride.Focus{Day: day, Text: rv.NextFocus}); err != nil {
		return nil, nil, err
	}
	return &day, nil, nil
}

// handleReviewsPage shows the past reviews as a timeline, newest first.
func (s *Server) handleReviewsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reviews, err := s.svc.Reviews.FindReviews(r.Context(), stride.ReviewFilter{})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view := reviewsView{None: words.NoReviews}
		for _, rv := range reviews {
			l := reviewLine{Week: rv.Week.String(), Range: words.WeekRange(rv.Week, rv.Week.AddDays(6)),
				WentWell: excerpt(rv.WentWell, 160), NextFocus: excerpt(rv.NextFocus, 100)}
			if rv.Summary != nil {
				steps := 0
				for _, gw := range rv.Summary.Goals {
					if gw.Direction != stride.AtMost { // a limit's entries are not steps
						steps += gw.Steps
					}
				}
				if steps > 0 {
					l.Record = words.Plural(steps, "step") + " across " + words.Plural(len(rv.Summary.Goals), "goal")
				}
			}
			view.Reviews = append(view.Reviews, l)
		}
		s.render(w, r, http.StatusOK, "reviews.html", page{Title: "Past reviews", Nav: "reviews", Data: view})
	})
}

// pageReview reads the review of the path's {week}, or answers 404.
func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) (*stride.Review, bool) {
	week, err := stride.ParseDate(r.PathValue("week"), s.today(r.Context()))
	if err != nil || r.PathValue("week") != week.String() {
		s.renderError(w, r, http.StatusNotFound, "There is no review of that week.")
		return nil, false
	}
	rv, err := s.svc.Reviews.FindReviewByWeek(r.Context(), week)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	return rv, true
}

// handlePastReviewPage shows a saved review: its summary as it stood when
// saved, and the answers.
func (s *Server) handlePastReviewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rv, ok := s.pageReview(w, r)
		if !ok {
			return
		}
		view := pastReviewView{Review: rv, Week: rv.Week.String(), Range: words.WeekRange(rv.Week, rv.Week.AddDays(6))}
		if rv.Summary != nil {
			view.Summary = newSummaryView(rv.Summary)
		}
		answers := map[string]string{"went_well": rv.WentWell, "learned": rv.Learned, "obstacles": rv.Obstacles, "next_focus": rv.NextFocus}
		for _, q := range words.ReviewPrompts {
			view.Answers = append(view.Answers, answerLine{Question: q.Label, Answer: answers[q.Field]})
		}
		s.render(w, r, http.StatusOK, "review_past.html", page{Title: "Review of " + view.Range, Nav: "reviews", Data: view})
	})
}

// handleReviewDeletePage asks first, then deletes a week's review.
func (s *Server) handleReviewDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rv, ok := s.pageReview(w, r)
		if !ok {
			return
		}
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		what := "the review of the week of " + words.Day(rv.Week)
		s.deleteConfirmed(w, r, "reviews", confirmView{
			Question: "Delete " + what + "?",
			Detail:   "Your answers and the summary kept with them go for good. The steps, lessons and focus of that week stay.",
			Action:   fmt.Sprintf("/reviews/%s/delete", rv.Week), Button: "Delete the review", Cancel: "/reviews/" + rv.Week.String(),
		}, func(ctx context.Context) error { return s.svc.Reviews.DeleteReview(ctx, rv.Week) }, "/reviews", "Deleted "+what+".")
	})
}
