package http

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/export"
)

// maxBackupBody bounds an uploaded backup, through the API and the web
// app: ten years of fifty daily goals is about 35 MiB of JSON.
const maxBackupBody = 64 << 20

// writeExport answers the user's data as a download in format ("json",
// "csv" or "markdown"); fail answers an error before anything is written.
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, format string, fail func(error)) {
	ctx := r.Context()
	doc, err := s.svc.Backup.ExportBackup(ctx, s.now())
	if err != nil {
		fail(err)
		return
	}
	var wins []*stride.Win
	if format == "markdown" {
		if wins, err = s.svc.Wins.FindWins(ctx, stride.WinFilter{}, s.today(ctx)); err != nil {
			fail(err)
			return
		}
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", export.FileName(format, s.today(ctx))))
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8")
		err = export.WriteCSV(w, doc)
	case "markdown":
		h.Set("Content-Type", "text/markdown; charset=utf-8")
		err = export.WriteMarkdown(w, doc, wins)
	default:
		h.Set("Content-Type", "application/json")
		err = export.WriteJSON(w, doc)
	}
	if err != nil { // the client went away mid-download: nothing left to tell it
		s.log.InfoContext(ctx, "export cut short", "format", format, "err", err)
	}
}

// handleExportJSON answers the user's complete backup (docs/formats.md).
func (s *Server) handleExportJSON() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeExport(w, r, "json", func(err error) { s.apiError(w, r, err) })
	})
}

// handleExportCSV answers the user's steps as CSV, one row each.
func (s *Server) handleExportCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeExport(w, r, "csv", func(err error) { s.apiError(w, r, err) })
	})
}

// readBackup reads a backup document of at most maxBackupBody bytes from
// body, named in messages as name.
func readBackup(w http.ResponseWriter, body io.ReadCloser, name string) (*stride.Backup, error) {
	doc, err := export.ReadJSON(http.MaxBytesReader(w, body, maxBackupBody), name)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, stride.Errorf(stride.EINVALID, "the backup is larger than %d MiB, the most the server takes: import it with the command line (stride import json FILE)", maxBackupBody>>20)
	}
	return doc, err
}

// handleImport imports the backup in the body for the token's user:
// ?dry_run=1 counts without writing, ?source= names where the document
// came from (default "stride"; the CLI sends "loop-csv", "harsh", ... for
// what it converted). It answers the import's summary.
func (s *Server) handleImport() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dry, err := boolParam(r, "dry_run")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		doc, err := readBackup(w, r.Body, "the body")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		opts := stride.ImportOptions{Source: r.URL.Query().Get("source"), DryRun: dry != nil && *dry}
		sum, err := s.svc.Backup.ImportBackup(r.Context(), doc, opts)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, sum)
	})
}
