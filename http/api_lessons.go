package http

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

func (s *Server) handleLessonList() http.Handler {
	return handleList(s, lessonFilter, func(ctx context.Context, f stride.LessonFilter) ([]*stride.Lesson, error) {
		return s.svc.Lessons.FindLessons(ctx, f)
	})
}

// lessonFilter reads ?goal_id=, ?theme=, ?since=, ?until= and ?limit=.
func lessonFilter(r *http.Request) (f stride.LessonFilter, err error) {
	if f.GoalID, err = idParam(r, "goal_id"); err != nil {
		return f, err
	}
	if v := r.URL.Query().Get("theme"); v != "" {
		f.Theme = &v
	}
	if f.Since, f.Until, err = sinceUntil(r); err != nil {
		return f, err
	}
	f.Limit, err = limitParam(r)
	return f, err
}

func (s *Server) handleLessonThemes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		themes, err := s.svc.Lessons.LessonThemes(r.Context())
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(themes))
	})
}

// lessonRequest is a new lesson: the four GROW answers, at least one of
// them written.
type lessonRequest struct {
	GoalID   *int64       `json:"goal_id"`
	Date     *stride.Date `json:"date"`
	Wanted   string       `json:"wanted"`
	Happened string       `json:"happened"`
	Options  string       `json:"options"`
	Next     string       `json:"next"`
	Themes   []string     `json:"themes"`
}

func (s *Server) handleLessonCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[lessonRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		l := &stride.Lesson{
			GoalID: req.GoalID, Day: s.today(r.Context()), Wanted: req.Wanted, Happened: req.Happened,
			Options: req.Options, Next: req.Next, Themes: req.Themes,
		}
		if req.Date != nil {
			l.Day = *req.Date
		}
		if err := s.svc.Lessons.CreateLesson(r.Context(), l); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, l)
	})
}

func (s *Server) handleLessonGet() http.Handler {
	return handleGet(s, "lesson", func(ctx context.Context, id int64) (*stride.Lesson, error) {
		return s.svc.Lessons.FindLessonByID(ctx, id)
	})
}

type lessonUpdateRequest struct {
	GoalID   optional[int64] `json:"goal_id"` // null detaches the lesson from its goal
	Date     *stride.Date    `json:"date"`
	Wanted   *string         `json:"wanted"`
	Happened *string         `json:"happened"`
	Options  *string         `json:"options"`
	Next     *string         `json:"next"`
	Themes   *[]string       `json:"themes"`
}

func (s *Server) handleLessonUpdate() http.Handler {
	return handleUpdate(s, "lesson", func(r *http.Request, id int64, req lessonUpdateRequest) (*stride.Lesson, error) {
		upd := stride.LessonUpdate{
			Day: req.Date, Wanted: req.Wanted, Happened: req.Happened, Options: req.Options,
			Next: req.Next, Themes: req.Themes,
		}
		if req.GoalID.Set {
			upd.GoalID = &req.GoalID.Value
		}
		return s.svc.Lessons.UpdateLesson(r.Context(), id, upd)
	})
}

func (s *Server) handleLessonDelete() http.Handler {
	return handleDelete(s, "lesson", func(ctx context.Context, id int64) error {
		return s.svc.Lessons.DeleteLesson(ctx, id)
	})
}
