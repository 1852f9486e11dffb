package stride

import (
	"context"
	"strings"
	"time"
)

// BackupFormat and BackupVersion mark a stride backup document; a reader
// refuses another format or a newer version.
const (
	BackupFormat  = "stride-backup"
	BackupVersion = 1
)

// Backup is a complete, versioned document of one user's data: goals with
// their target history, pauses, skips and steps, and every reflection
// record. docs/formats.md describes it. Ids inside it are the exporting
// database's, kept only to tie records together (a lesson's goal, a
// milestone's step) and as source ids, so that importing the same
// document twice creates nothing the second time.
type Backup struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	ExportedAt time.Time     `json:"exported_at"`
	User       BackupUser    `json:"user"`
	Goals      []*BackupGoal `json:"goals"`
	Lessons    []*Lesson     `json:"lessons"`
	Doubts     []*Doubt      `json:"doubts"`
	Focus      []*Focus      `json:"focus"`
	Works      []*Work       `json:"works"` // with their iterations
	Reviews    []*Review     `json:"reviews"`
}

// BackupUser is what a backup keeps of its user's settings.
type BackupUser struct {
	Name      string       `json:"name"`
	TimeZone  string       `json:"time_zone,omitempty"`
	WeekStart time.Weekday `json:"week_start"`
}

// BackupGoal is a goal with everything that hangs off it.
type BackupGoal struct {
	Goal
	// SourceID identifies the goal in the source it came from, for
	// imports from other trackers ("loop-csv:003 Run"); stride's own
	// backups use the goal's id.
	SourceID string  `json:"source_id,omitempty"`
	Pauses   []Pause `json:"pauses"`
	Skips    []Date  `json:"skips"`
	Steps    []*Step `json:"steps"`
	// ParentSourceID names the parent goal by its SourceID when the
	// source has no stride ids (Goal.ParentID is then nil).
	ParentSourceID string `json:"parent_source_id,omitempty"`
}

// Pause is a stretch of paused days: from From up to the day before Until
// (nil: still paused).
type Pause struct {
	From  Date  `json:"from"`
	Until *Date `json:"until,omitempty"`
}

// ImportOptions says how to import.
type ImportOptions struct {
	// Source names where the document came from ("stride", "loop-csv",
	// "loop-db", "harsh", "csv"); records are remembered under it, so that
	// a second import of the same document creates nothing.
	Source string
	// DryRun checks and counts everything, then writes nothing.
	DryRun bool
}

// ImportSummary tells what an import created (or, in a dry run, would
// create) and what it found already there.
type ImportSummary struct {
	Goals      int   `json:"goals"`
	Steps      int   `json:"steps"`
	Skips      int   `json:"skips"`
	Pauses     int   `json:"pauses"`
	Lessons    int   `json:"lessons"`
	Doubts     int   `json:"doubts"`
	Focus      int   `json:"focus"`
	Works      int   `json:"works"`
	Iterations int   `json:"iterations"`
	Reviews    int   `json:"reviews"`
	Existing   int   `json:"existing"`       // records skipped: imported before
	From       *Date `json:"from,omitempty"` // first and last day of what is created
	To         *Date `json:"to,omitempty"`
	DryRun     bool  `json:"dry_run"`
}

// BackupService exports and imports whole documents of the context's
// user.
type BackupService interface {
	// ExportBackup returns everything the user has, ordered so that the
	// same data always gives the same document (ids aside).
	ExportBackup(ctx context.Context, now time.Time) (*Backup, error)
	// ImportBackup writes doc in one transaction, all or nothing, and
	// tells what it created. Records imported before under the same
	// source are skipped. A goal whose name the user already has
	// receives the document's steps when it counts alike (CountsAlike),
	// and is ECONFLICT otherwise, in words that name no command or page:
	// each front end says how to rename in its own (ImportClash finds
	// the goal). EINVALID names the record and field at fault.
	ImportBackup(ctx context.Context, doc *Backup, opts ImportOptions) (*ImportSummary, error)
}

// CountsAlike reports whether goals counting in the units a and b count
// the same way: both are checks (no unit), or both count amounts of one
// unit (SameUnit: page and pages are one). Only then does a backup's goal
// go into one of the user's that has its name.
func CountsAlike(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	return SameUnit(a, b)
}

// ImportClash returns the first goal of doc that has the name of one of
// have (case and surrounding space aside) but does not count alike, and
// that goal of have; nil, nil when there is none. It is the conflict
// ImportBackup refuses, for a front end to point at the goal to rename
// after an ECONFLICT. (The store matches a goal it imported before by
// its source id first, so a clash found here is only a hint.)
func ImportClash(doc *Backup, have []*Goal) (*BackupGoal, *Goal) {
	byName := make(map[string]*Goal, len(have))
	for _, g := range have {
		byName[strings.ToLower(strings.TrimSpace(g.Name))] = g
	}
	for _, bg := range doc.Goals {
		if bg == nil {
			continue
		}
		if g := byName[strings.ToLower(strings.TrimSpace(bg.Name))]; g != nil && !CountsAlike(bg.Unit, g.Unit) {
			return bg, g
		}
	}
	return nil, nil
}
