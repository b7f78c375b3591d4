/**
 * The dossier: its record, status machine, tracking code, form validation and views. Plain
 * Java, no AWS: storage is {@code vn.motcua.storage.ApplicationRepository}, the use cases that
 * combine both are {@link vn.motcua.application.Dossiers}, {@link vn.motcua.application.StatusQuery},
 * {@link vn.motcua.application.Intake} and {@link vn.motcua.application.IntakeRepair}.
 */
package vn.motcua.application;
