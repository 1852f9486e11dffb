package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/strideapp/stride"
)

// LessonService reaches the lessons of the token's user.
type LessonService struct{ c *Client }

var _ stride.LessonService = (*LessonService)(nil)

// lessonBody is the body of POST /api/v1/lessons.
type lessonBody struct {
	GoalID   *int64      `json:"goal_id,omitempty"`
	Date     stride.Date `json:"date"`
	Wanted   string      `json:"wanted"`
	Happened string      `json:"happened"`
	Options  string      `json:"options"`
	Next     string      `json:"next"`
	Themes   []string    `json:"themes"`
}

func lessonPath(id int64) string { return "/lessons/" + itoa(id) }

func setLessonUser(l *stride.Lesson, uid int64) { l.UserID = uid }

func (s *LessonService) one(ctx context.Context, r request) (*stride.Lesson, error) {
	return doOne(ctx, s.c, r, setLessonUser)
}

// FindLessonByID returns the lesson, or ENOTFOUND (also for another
// user's lesson).
func (s *LessonService) FindLessonByID(ctx context.Context, id int64) (*stride.Lesson, error) {
	return s.one(ctx, request{method: http.MethodGet, path: lessonPath(id)})
}

// FindLessons returns lessons newest day first; ENOTFOUND for a goal that
// is not the user's.
func (s *LessonService) FindLessons(ctx context.Context, f stride.LessonFilter) ([]*stride.Lesson, error) {
	q := url.Values{}
	if f.GoalID != nil {
		q.Set("goal_id", itoa(*f.GoalID))
	}
	if f.Theme != nil {
		q.Set("theme", *f.Theme)
	}
	setRange(q, f.Since, f.Until)
	setLimit(q, f.Limit)
	return doList(ctx, s.c, request{method: http.MethodGet, path: "/lessons", query: q}, setLessonUser)
}

// CreateLesson stores l on the server and fills it in as the server keeps
// it (ID, themes normalised, times). EINVALID, ENOTFOUND for a goal that is
// not the user's.
func (s *LessonService) CreateLesson(ctx context.Context, l *stride.Lesson) error {
	body := lessonBody{GoalID: l.GoalID, Date: l.Day, Wanted: l.Wanted, Happened: l.Happened,
		Options: l.Options, Next: l.Next, Themes: l.Themes}
	created, err := s.one(ctx, request{method: http.MethodPost, path: "/lessons", body: body})
	if err != nil {
		return err
	}
	*l = *created
	return nil
}

// UpdateLesson changes a lesson and returns it; EINVALID, ENOTFOUND.
func (s *LessonService) UpdateLesson(ctx context.Context, id int64, upd stride.LessonUpdate) (*stride.Lesson, error) {
	body := map[string]any{}
	if upd.GoalID != nil {
		body["goal_id"] = *upd.GoalID // a nil *int64 is null: detach
	}
	if upd.Day != nil {
		body["date"] = *upd.Day
	}
	if upd.Wanted != nil {
		body["wanted"] = *upd.Wanted
	}
	if upd.Happened != nil {
		body["happened"] = *upd.Happened
	}
	if upd.Options != nil {
		body["options"] = *upd.Options
	}
	if upd.Next != nil {
		body["next"] = *upd.Next
	}
	if upd.Themes != nil {
		body["themes"] = append([]string{}, *upd.Themes...) // never null
	}
	return s.one(ctx, request{method: http.MethodPatch, path: lessonPath(id), body: body})
}

// DeleteLesson removes a lesson; ENOTFOUND.
func (s *LessonService) DeleteLesson(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: lessonPath(id)})
}

// LessonThemes returns every theme with its count, most frequent first.
func (s *LessonService) LessonThemes(ctx context.Context) ([]*stride.Theme, error) {
	var themes []*stride.Theme
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/lessons/themes", out: &themes}); err != nil {
		return nil, err
	}
	return themes, nil
}
