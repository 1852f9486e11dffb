package http

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// lessonsView is the list of lessons, narrowed to a theme or not, with
// the recurring themes beside it.
type lessonsView struct {
	Theme   string // the theme the list is narrowed to, or ""
	Lessons []lessonLine
	Themes  []themeLine
}

// lessonLine is one lesson in a list.
type lessonLine struct {
	ID      int64
	Day     string
	GoalID  *int64
	Goal    string
	Summary string
	Themes  []string
}

// themeLine is one theme of the recurring themes panel.
type themeLine struct {
	Name      string
	Count     int
	Text      string // "came up 3 times, in walk and read"
	Recurring bool
	Current   bool
	Link      string // the list narrowed to it
}

// lessonView is one lesson's page.
type lessonView struct {
	Lesson  *stride.Lesson
	Day     string
	Answers []answerLine
}

// answerLine is one GROW question with its answer.
type answerLine struct {
	Question string
	Answer   string
}

// lessonForm is a lesson's fields as the form sends them.
type lessonForm struct {
	Goal, Date, Wanted, Happened, Options, Next, Themes string
}

// lessonFormView is the create or edit page of a lesson.
type lessonFormView struct {
	New        bool
	ID         int64
	Form       lessonForm
	Errors     fieldErrors
	Goals      []goalOption
	Questions  []questionField
	ThemesHint string
	Intro      string
}

// questionField is one question of a guided form with its value;
// Letter is its mark in the GROW model.
type questionField struct {
	words.Question
	Letter string
	Value  string
}

func readLessonForm(r *http.Request) lessonForm {
	v := func(k string) string { return r.PostFormValue(k) }
	return lessonForm{Goal: v("goal"), Date: strings.TrimSpace(v("date")), Wanted: v("wanted"), Happened: v("happened"),
		Options: v("options"), Next: v("next"), Themes: v("themes")}
}

func lessonFormOf(l *stride.Lesson) lessonForm {
	return lessonForm{Goal: goalField(l.GoalID), Date: l.Day.String(), Wanted: l.Wanted, Happened: l.Happened,
		Options: l.Options, Next: l.Next, Themes: strings.Join(l.Themes, ", ")}
}

// value returns the form's answer to a GROW question.
func (f lessonForm) value(field string) string {
	switch field {
	case "wanted":
		return f.Wanted
	case "happened":
		return f.Happened
	case "options":
		return f.Options
	}
	return f.Next
}

// parse checks the form; the lesson's own rules (one answer at least,
// themes) are checked by Validate, filed beside the first question.
func (f lessonForm) parse(today stride.Date) (*stride.Lesson, fieldErrors) {
	errs := fieldErrors{}
	l := &stride.Lesson{Wanted: f.Wanted, Happened: f.Happened, Options: f.Options, Next: f.Next,
		Themes: strings.Split(f.Themes, ",")}
	goal, err := formGoal(f.Goal)
	if err != nil {
		errs["goal"] = stride.ErrorMessage(err)
	}
	l.GoalID = goal
	if l.Day, err = formDate(f.Date, today, today); err != nil {
		errs["date"] = stride.ErrorMessage(err)
	}
	for _, q := range words.GROW {
		checkLen(errs, q.Field, "This answer", f.value(q.Field), stride.MaxTextLen)
	}
	if _, err := stride.NormalizeThemes(l.Themes); err != nil {
		errs["themes"] = stride.ErrorMessage(err)
	}
	if len(errs) == 0 {
		if err := l.Validate(); err != nil {
			errs["wanted"] = stride.ErrorMessage(err)
		}
	}
	return l, errs
}

// lessonFormPage renders the lesson form with the user's goals and themes.
func (s *Server) lessonFormPage(w http.ResponseWriter, r *http.Request, status int, view lessonFormView, msg string) {
	ctx := r.Context()
	var err error
	if view.Goals, err = s.goalOptions(ctx, view.Form.Goal); err != nil {
		s.pageError(w, r, err)
		return
	}
	themes, err := s.svc.Lessons.LessonThemes(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var known []string
	for _, t := range themes {
		known = append(known, t.Name)
	}
	view.ThemesHint = words.ThemesHint(known)
	for i, q := range words.GROW {
		view.Questions = append(view.Questions, questionField{Question: q, Letter: "GROW"[i : i+1], Value: view.Form.value(q.Field)})
	}
	view.Intro = words.LessonIntro
	title := "A new lesson"
	if !view.New {
		title = "Edit a lesson"
	}
	s.render(w, r, status, "lesson_form.html", page{Title: title, Nav: "lessons", Error: msg, Data: view})
}

// handleLessonsPage lists the user's lessons, newest first, narrowed to one
// theme with ?theme=, beside every theme and how often it came up.
func (s *Server) handleLessonsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		theme := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("theme")))
		filter := stride.LessonFilter{}
		if theme != "" {
			filter.Theme = &theme
		}
		lessons, err := s.svc.Lessons.FindLessons(ctx, filter)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		themes, err := s.svc.Lessons.LessonThemes(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view := lessonsView{Theme: theme}
		for _, l := range lessons {
			view.Lessons = append(view.Lessons, newLessonLine(l))
		}
		for _, t := range themes {
			view.Themes = append(view.Themes, themeLine{Name: t.Name, Count: t.Count, Text: words.RecurringTheme(t),
				Recurring: t.Count > 1, Current: t.Name == theme, Link: "/lessons?theme=" + url.QueryEscape(t.Name)})
		}
		s.render(w, r, http.StatusOK, "lessons.html", page{Title: "Lessons", Nav: "lessons", Data: view})
	})
}

// newLessonLine sums a lesson up for a list: its way forward when
// written, else its first answer.
func newLessonLine(l *stride.Lesson) lessonLine {
	summary := l.Next
	for _, a := range []string{l.Happened, l.Wanted, l.Options} {
		if summary == "" {
			summary = a
		}
	}
	return lessonLine{ID: l.ID, Day: words.Day(l.Day), GoalID: l.GoalID, Goal: l.Goal, Summary: excerpt(summary, 140), Themes: l.Themes}
}

// handleLessonPage shows one lesson: the four questions and the answers.
func (s *Server) handleLessonPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, ok := pageRecord(s, w, r, "lesson", s.svc.Lessons.FindLessonByID)
		if !ok {
			return
		}
		view := lessonView{Lesson: l, Day: words.Day(l.Day)}
		for _, q := range words.GROW {
			view.Answers = append(view.Answers, answerLine{Question: q.Label, Answer: lessonFormOf(l).value(q.Field)})
		}
		s.render(w, r, http.StatusOK, "lesson.html", page{Title: "A lesson of " + view.Day, Nav: "lessons", Data: view})
	})
}

// handleLessonNewPage shows the form for a new lesson; ?goal= picks the goal.
func (s *Server) handleLessonNewPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		form := lessonForm{Date: s.today(r.Context()).String(), Goal: r.URL.Query().Get("goal")}
		s.lessonFormPage(w, r, http.StatusOK, lessonFormView{New: true, Form: form}, "")
	})
}

// handleLessonNew stores a new lesson and shows it.
func (s *Server) handleLessonNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := readLessonForm(r)
		l, errs := form.parse(s.today(ctx))
		if len(errs) == 0 {
			if err := s.svc.Lessons.CreateLesson(ctx, l); err != nil && !lessonStoreError(errs, err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.lessonFormPage(w, r, http.StatusUnprocessableEntity, lessonFormView{New: true, Form: form, Errors: errs},
				"Almost there: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/lessons/%d", l.ID), "Your lesson is saved. Looking at what happened is how setbacks turn into learning.")
	})
}

// lessonStoreError files a store's refusal of a lesson beside its field.
func lessonStoreError(errs fieldErrors, err error) bool {
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		errs["goal"] = "That goal is not there any more: pick another, or none."
		return true
	}
	return storeFieldError(errs, "wanted", err)
}

// handleLessonEditPage shows the form that edits a lesson.
func (s *Server) handleLessonEditPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, ok := pageRecord(s, w, r, "lesson", s.svc.Lessons.FindLessonByID)
		if !ok {
			return
		}
		s.lessonFormPage(w, r, http.StatusOK, lessonFormView{ID: l.ID, Form: lessonFormOf(l)}, "")
	})
}

// handleLessonEdit stores a lesson's new answers.
func (s *Server) handleLessonEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		old, ok := recordAction(s, w, r, "lesson", s.svc.Lessons.FindLessonByID)
		if !ok {
			return
		}
		form := readLessonForm(r)
		l, errs := form.parse(s.today(ctx))
		if len(errs) == 0 {
			upd := stride.LessonUpdate{GoalID: &l.GoalID, Day: &l.Day, Wanted: &l.Wanted, Happened: &l.Happened,
				Options: &l.Options, Next: &l.Next, Themes: &l.Themes}
			if _, err := s.svc.Lessons.UpdateLesson(ctx, old.ID, upd); err != nil && !lessonStoreError(errs, err) {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			s.lessonFormPage(w, r, http.StatusUnprocessableEntity, lessonFormView{ID: old.ID, Form: form, Errors: errs},
				"Nothing is changed yet: see the note beside the field.")
			return
		}
		s.redirect(w, r, fmt.Sprintf("/lessons/%d", old.ID), "The lesson is saved.")
	})
}

// handleLessonDeletePage asks first, then deletes a lesson.
func (s *Server) handleLessonDeletePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, ok := recordAction(s, w, r, "lesson", s.svc.Lessons.FindLessonByID)
		if !ok {
			return
		}
		what := "the lesson of " + words.Day(l.Day)
		s.deleteConfirmed(w, r, "lessons", confirmView{
			Question: "Delete " + what + "?",
			Detail:   "Its answers and themes go for good; the themes panel counts without it.",
			Action:   fmt.Sprintf("/lessons/%d/delete", l.ID), Button: "Delete the lesson", Cancel: fmt.Sprintf("/lessons/%d", l.ID),
		}, func(ctx context.Context) error { return s.svc.Lessons.DeleteLesson(ctx, l.ID) }, "/lessons", "Deleted "+what+".")
	})
}
