/**
 * Dossier documents: what a citizen may upload ({@link vn.motcua.document.UploadRules}), where it
 * goes ({@link vn.motcua.document.DocumentKey}), how an upload is confirmed
 * ({@link vn.motcua.document.FileSignature}, {@link vn.motcua.document.Verification}) and the
 * citizen's use cases ({@link vn.motcua.document.Documents}). No AWS import here: the bucket is
 * behind {@link vn.motcua.document.DocumentStore} and {@link vn.motcua.document.DocumentLinks}.
 */
package vn.motcua.document;
