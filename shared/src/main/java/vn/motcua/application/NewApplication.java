package vn.motcua.application;

import java.util.Map;
import vn.motcua.catalogue.Office;
import vn.motcua.catalogue.Procedure;

/** A create request that passed {@link ApplicationForm}: every value checked and normalised. */
public record NewApplication(Procedure procedure, Office office, Applicant applicant, Map<String, Object> fields) {
}
