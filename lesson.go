package stride

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Lesson is a setback turned into learning, in the GROW model's four
// questions: what I wanted (Goal), what happened (Reality), what I could do
// (Options), what I will do next (Way forward). Themes are the user's own
// tags ("time", "energy"); recurring ones are surfaced by LessonThemes.
type Lesson struct {
	ID       int64    `json:"id"`
	UserID   int64    `json:"-"`
	GoalID   *int64   `json:"goal_id,omitempty"`
	Goal     string   `json:"goal,omitempty"` // the goal's name, filled when read
	Day      Date     `json:"date"`
	Wanted   string   `json:"wanted"`
	Happened string   `json:"happened"`
	Options  string   `json:"options"`
	Next     string   `json:"next"`
	Themes   []string `json:"themes"`
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MaxTextLen bounds the free text of reflection records.
const MaxTextLen = 4000

// MaxThemes bounds a lesson's themes.
const MaxThemes = 10

// Validate trims and checks a lesson before it is stored. It returns
// EINVALID. At least one of the four answers must be written; themes are
// lower-cased, trimmed and deduplicated.
func (l *Lesson) Validate() error {
	for _, f := range []struct {
		name string
		p    *string
	}{{"wanted", &l.Wanted}, {"happened", &l.Happened}, {"options", &l.Options}, {"next", &l.Next}} {
		*f.p = strings.TrimSpace(*f.p)
		if err := checkText(f.name, *f.p); err != nil {
			return err
		}
	}
	if l.Wanted+l.Happened+l.Options+l.Next == "" {
		return Errorf(EINVALID, "a lesson needs at least one answer: what you wanted, what happened, your options or what you will do next")
	}
	themes, err := NormalizeThemes(l.Themes)
	if err != nil {
		return err
	}
	l.Themes = themes
	return nil
}

// NormalizeThemes lower-cases, trims and deduplicates themes, keeping their
// order. It returns EINVALID for a theme too long, with a control character
// or a comma, or for more than MaxThemes.
func NormalizeThemes(in []string) ([]string, error) {
	out := []string{}
	for _, t := range in {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > 40 {
			return nil, Errorf(EINVALID, "theme %q is too long: use at most 40 characters", t)
		}
		if strings.ContainsAny(t, ",\n\r\t") {
			return nil, Errorf(EINVALID, "theme %q has a comma or a line break: give each theme on its own", t)
		}
		dup := false
		for _, o := range out {
			dup = dup || o == t
		}
		if !dup {
			out = append(out, t)
		}
	}
	if len(out) > MaxThemes {
		return nil, Errorf(EINVALID, "a lesson has %d themes: keep it to %d", len(out), MaxThemes)
	}
	return out, nil
}

// checkText rejects text over MaxTextLen; field names the field in the message.
func checkText(field, s string) error {
	if n := TextLen(s); n > MaxTextLen {
		return Errorf(EINVALID, "%s is %d characters: keep it under %d", field, n, MaxTextLen)
	}
	return nil
}

// TextLen is the length of a free text as its limits count it: in
// characters, as a person (and a form's maxlength) counts them, not in
// bytes, which would give a word in Greek or Japanese a half or a third
// of the room.
func TextLen(s string) int { return utf8.RuneCountInString(s) }

// LessonFilter selects lessons; nil fields select everything.
type LessonFilter struct {
	GoalID *int64
	Theme  *string
	Since  *Date // inclusive
	Until  *Date // inclusive
	Limit  int   // 0 means no limit
}

// LessonUpdate changes the fields that are not nil. GoalID set to a nil
// pointer detaches the lesson from its goal.
type LessonUpdate struct {
	GoalID   **int64
	Day      *Date
	Wanted   *string
	Happened *string
	Options  *string
	Next     *string
	Themes   *[]string
}

// Theme is a recurring theme of the user's lessons.
type Theme struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Goals []string `json:"goals"` // names of the goals its lessons touch, by name
	First Date     `json:"first"`
	Last  Date     `json:"last"`
}

// LessonService stores lessons of the context's user.
type LessonService interface {
	// FindLessonByID returns the lesson, or ENOTFOUND.
	FindLessonByID(ctx context.Context, id int64) (*Lesson, error)
	// FindLessons returns lessons newest day first (then newest id first).
	FindLessons(ctx context.Context, filter LessonFilter) ([]*Lesson, error)
	// CreateLesson validates and stores l and sets its ID. ENOTFOUND for
	// a goal that is not the user's.
	CreateLesson(ctx context.Context, l *Lesson) error
	// UpdateLesson changes a lesson and returns it.
	UpdateLesson(ctx context.Context, id int64, upd LessonUpdate) (*Lesson, error)
	// DeleteLesson removes a lesson, or returns ENOTFOUND.
	DeleteLesson(ctx context.Context, id int64) error
	// LessonThemes returns every theme with its count, most frequent first
	// (then the latest first, then by name).
	LessonThemes(ctx context.Context) ([]*Theme, error)
}
