package vn.motcua.document;

import static vn.motcua.json.EventJson.map;
import static vn.motcua.json.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.motcua.json.EventJson;

/**
 * An S3 notification, read through {@link EventJson} (why: there). Only what the upload check
 * uses is read: the event's name, region and source, the bucket, and the object's key and size.
 * The event time is left out: aws-lambda-java-events parses it with Joda-Time, 700 classes for a
 * field nobody reads.
 */
public final class S3EventJson {

    private S3EventJson() {
    }

    public static S3Event read(InputStream in) throws IOException {
        Map<String, Object> root = EventJson.read(in, "S3");
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        for (Map<String, Object> record : EventJson.objects(root.get("Records"))) {
            Map<String, Object> s3 = map(record.get("s3"));
            S3EventNotification.S3Entity entity = null;
            if (s3 != null) {
                Map<String, Object> bucket = map(s3.get("bucket"));
                Map<String, Object> object = map(s3.get("object"));
                entity = new S3EventNotification.S3Entity(text(s3.get("configurationId")),
                        bucket == null ? null : new S3EventNotification.S3BucketEntity(text(bucket.get("name")), null,
                                text(bucket.get("arn"))),
                        object == null ? null : new S3EventNotification.S3ObjectEntity(text(object.get("key")),
                                object.get("size") instanceof Number size ? size.longValue() : null,
                                text(object.get("eTag")), text(object.get("versionId")), text(object.get("sequencer"))),
                        text(s3.get("s3SchemaVersion")));
            }
            records.add(new S3EventNotification.S3EventNotificationRecord(text(record.get("awsRegion")),
                    text(record.get("eventName")), text(record.get("eventSource")), null,
                    text(record.get("eventVersion")), null, null, entity, null));
        }
        return new S3Event(records);
    }
}
