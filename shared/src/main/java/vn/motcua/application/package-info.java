/**
 * The dossier: its record, status machine, tracking code, form validation and views. Plain
 * Java, no AWS: storage is {@code vn.motcua.storage.ApplicationRepository}, the use cases that
 * combine both are {@link vn.motcua.application.Dossiers} and {@link vn.motcua.application.Intake}.
 */
package vn.motcua.application;
