package client

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/strideapp/stride"
)

// BackupService exports and imports whole documents of the token's user
// (GET /api/v1/export.json, POST /api/v1/import).
type BackupService struct{ c *Client }

var _ stride.BackupService = (*BackupService)(nil)

// ExportBackup returns everything the user has, as the server exports it;
// the document is stamped with now, as a store stamps it.
func (s *BackupService) ExportBackup(ctx context.Context, now time.Time) (*stride.Backup, error) {
	var doc stride.Backup
	if err := s.c.do(ctx, request{method: http.MethodGet, path: "/export.json", out: &doc, retry: true}); err != nil {
		return nil, err
	}
	doc.ExportedAt = now.UTC()
	uid, err := s.c.userID(ctx)
	if err != nil {
		return nil, err
	}
	// The API leaves out whose records they are, which a store fills.
	for _, g := range doc.Goals {
		g.UserID = uid
		for _, st := range g.Steps {
			st.UserID = uid
		}
	}
	for _, l := range doc.Lessons {
		l.UserID = uid
	}
	for _, d := range doc.Doubts {
		d.UserID = uid
	}
	for _, f := range doc.Focus {
		f.UserID = uid
	}
	for _, w := range doc.Works {
		w.UserID = uid
	}
	for _, r := range doc.Reviews {
		r.UserID = uid
	}
	return &doc, nil
}

// ImportBackup sends doc to the server, which writes it in one
// transaction, all or nothing, and answers what it created; the errors
// are the store's (EINVALID naming the record and field, ECONFLICT).
func (s *BackupService) ImportBackup(ctx context.Context, doc *stride.Backup, opts stride.ImportOptions) (*stride.ImportSummary, error) {
	q := url.Values{}
	if opts.DryRun {
		q.Set("dry_run", "1")
	}
	if opts.Source != "" {
		q.Set("source", opts.Source)
	}
	var sum stride.ImportSummary
	if err := s.c.do(ctx, request{method: http.MethodPost, path: "/import", query: q, body: doc, out: &sum}); err != nil {
		return nil, err
	}
	return &sum, nil
}
