package http

import (
	"net/http"
	"strconv"

	"github.com/strideapp/stride"
)

// The query helpers below are shared by the endpoints of the reflection
// records (lessons, doubts, focus, works, wins, reviews).

// idParam reads an optional id query parameter such as ?goal_id=.
func idParam(r *http.Request, name string) (*int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, stride.Errorf(stride.EINVALID, "?%s=%s is not an id: use the id the API returned", name, v)
	}
	return &id, nil
}

// boolParam reads an optional true/false query parameter.
func boolParam(r *http.Request, name string) (*bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, stride.Errorf(stride.EINVALID, "?%s=%s is not true or false", name, v)
	}
	return &b, nil
}

// limitParam reads ?limit=, 0 (no limit) when absent.
func limitParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, stride.Errorf(stride.EINVALID, "?limit=%s is not a count: use 0 (no limit) or more", v)
	}
	return n, nil
}

// sinceUntil reads the optional ?since= and ?until= days of a list.
func sinceUntil(r *http.Request) (since, until *stride.Date, err error) {
	if since, err = dateParam(r, "since"); err != nil {
		return nil, nil, err
	}
	if until, err = dateParam(r, "until"); err != nil {
		return nil, nil, err
	}
	if since != nil && until != nil && *since > *until {
		return nil, nil, stride.Errorf(stride.EINVALID, "?since=%s is after ?until=%s: give the earlier day first", since, until)
	}
	return since, until, nil
}

func (s *Server) handleLessonList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var f stride.LessonFilter
		var err error
		if f.GoalID, err = idParam(r, "goal_id"); err != nil {
			s.apiError(w, r, err)
			return
		}
		if v := r.URL.Query().Get("theme"); v != "" {
			f.Theme = &v
		}
		if f.Since, f.Until, err = sinceUntil(r); err != nil {
			s.apiError(w, r, err)
			return
		}
		if f.Limit, err = limitParam(r); err != nil {
			s.apiError(w, r, err)
			return
		}
		lessons, err := s.svc.Lessons.FindLessons(r.Context(), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(lessons))
	})
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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "lesson")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		l, err := s.svc.Lessons.FindLessonByID(r.Context(), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, l)
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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "lesson")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[lessonUpdateRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		upd := stride.LessonUpdate{
			Day: req.Date, Wanted: req.Wanted, Happened: req.Happened, Options: req.Options,
			Next: req.Next, Themes: req.Themes,
		}
		if req.GoalID.Set {
			upd.GoalID = &req.GoalID.Value
		}
		l, err := s.svc.Lessons.UpdateLesson(r.Context(), id, upd)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, l)
	})
}

func (s *Server) handleLessonDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "lesson")
		if err == nil {
			err = s.svc.Lessons.DeleteLesson(r.Context(), id)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
