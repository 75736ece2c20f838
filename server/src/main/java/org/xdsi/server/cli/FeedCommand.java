package org.xdsi.server.cli;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A39;
import ca.uhn.hl7v2.model.v25.segment.EVN;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xdsi feed}: ITI-8 Patient Identity Feed (HL7 v2.5 ADT over MLLP), as a Patient Identity Source. */
@Command(name = "feed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends one HL7 v2.5 ADT message over MLLP to a Document Registry (ITI-8 Patient Identity"
                + " Feed): A01 admit / A04 register / A08 update create or update the patient; A40 merges"
                + " --merge-from into --patient.",
                "Prints 'message-control-id', 'ack' (AA, AE or AR), 'ack-text' and 'error' lines of the ACK."},
        footer = {"", "Exit status: 0 ACK AA, 1 any other ACK, 2 usage or transport error.",
                "Example: xdsi feed --mllp 127.0.0.1:2575 --patient '1234567^^^&1.3.6.1.4.1.21367.13.20.1000&ISO'"
                        + " --name Doe^Jane"})
public final class FeedCommand extends ClientCommand {
    private static final int START_BLOCK = 0x0B;
    private static final int END_BLOCK = 0x1C;
    private static final int CARRIAGE_RETURN = 0x0D;
    private static final int MAX_ACK_BYTES = 1 << 20;
    private static final Pattern HOST_PORT = Pattern.compile("(?:mllp://)?(\\[[^]]+]|[^:/\\[\\]]+):(\\d{1,5})/?");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    enum Event { A01, A04, A08, A40 }

    @Option(names = "--mllp", required = true, paramLabel = "HOST:PORT",
            description = "The registry's MLLP listener: host:port, or mllp://host:port as the 'endpoint mllp' line"
                    + " of xdsi run prints it.")
    String mllp;

    @Option(names = "--patient", required = true, paramLabel = "PID",
            description = "PID-3: id^^^&OID&ISO of the affinity domain (or a bare id with --domain); with A40 the"
                    + " surviving id.")
    String patient;

    @Option(names = "--domain", paramLabel = "OID", description = "Assigning authority for bare patient ids.")
    String domain;

    @Option(names = "--name", paramLabel = "FAMILY^GIVEN", description = "PID-5 patient name, e.g. Doe^Jane.")
    String name;

    @Option(names = "--birth-date", paramLabel = "YYYYMMDD", description = "PID-7 date of birth.")
    String birthDate;

    @Option(names = "--sex", paramLabel = "F|M|O|U", description = "PID-8 administrative sex.")
    String sex;

    @Option(names = "--event", paramLabel = "EVENT", defaultValue = "A01",
            description = "A01, A04, A08 or A40 (default: ${DEFAULT-VALUE}).")
    String eventName;

    private Event event;

    @Option(names = "--merge-from", paramLabel = "PID", description = "A40 only: MRG-1, the id merged into --patient.")
    String mergeFrom;

    @Override
    int execute() throws Exception {
        Matcher hostPort = HOST_PORT.matcher(mllp.trim());
        if (!hostPort.matches() || Integer.parseInt(hostPort.group(2)) > 65535) {
            throw usage("--mllp must be host:port (or mllp://host:port), not '" + mllp + "'");
        }
        String host = hostPort.group(1).replaceAll("^\\[|]$", "");
        int port = Integer.parseInt(hostPort.group(2));
        try {
            event = Event.valueOf(eventName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--event must be A01, A04, A08 or A40, not '" + eventName + "'");
        }
        String pid = patientId("--patient", patient, domain);
        String merged = null;
        if (event == Event.A40) {
            if (mergeFrom == null) {
                throw usage("--event A40 needs --merge-from PID (the id merged into --patient)");
            }
            merged = patientId("--merge-from", mergeFrom, domain);
        } else if (mergeFrom != null) {
            throw usage("--merge-from goes with --event A40 only");
        }
        if (birthDate != null) {
            dtm("--birth-date", birthDate);
        }
        if (sex != null && !sex.trim().toUpperCase(Locale.ROOT).matches("[FMOUANC]")) {
            throw usage("--sex must be F, M, O, U, A, N or C, not '" + sex + "'");
        }

        String controlId = "XDSI" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toUpperCase(Locale.ROOT);
        String message = message(controlId, pid, merged);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout().toMillis());
        String ack = exchange(host, port, message, timeoutMillis);

        Ack parsed = Ack.parse(ack);
        PrintWriter out = out();
        out.println("message-control-id " + controlId);
        out.println("ack " + (parsed.code().isEmpty() ? "(none)" : parsed.code()));
        if (!parsed.text().isEmpty()) {
            out.println("ack-text " + oneLine(parsed.text()));
        }
        for (String error : parsed.errors()) {
            out.println("error " + error);
        }
        return "AA".equals(parsed.code()) ? OK : FAILURE;
    }

    /** The ADT message, HL7 v2.5, segments ended by CR. */
    String message(String controlId, String pid, String merged) throws HL7Exception {
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator()); // no id file on disk
            String now = ZonedDateTime.now().format(TIMESTAMP);
            Message message;
            MSH msh;
            EVN evn;
            PID p;
            if (event == Event.A40) {
                ADT_A39 adt = hapi.newMessage(ADT_A39.class);
                msh = adt.getMSH();
                header(msh, controlId, now, "ADT_A39");
                evn = adt.getEVN();
                p = adt.getPATIENT().getPID();
                adt.getPATIENT().getMRG().getPriorPatientIdentifierList(0).parse(merged);
                message = adt;
            } else {
                ADT_A01 adt = hapi.newMessage(ADT_A01.class);
                msh = adt.getMSH();
                header(msh, controlId, now, "ADT_A01");
                evn = adt.getEVN();
                p = adt.getPID();
                adt.getPV1().getPatientClass().setValue("O");
                message = adt;
            }
            evn.getEventTypeCode().setValue(event.name());
            evn.getRecordedDateTime().getTime().setValue(now);
            p.getPatientIdentifierList(0).parse(pid);
            if (name != null) {
                p.getPatientName(0).parse(name.trim());
            }
            if (birthDate != null) {
                p.getDateTimeOfBirth().getTime().setValue(birthDate.trim());
            }
            if (sex != null) {
                p.getAdministrativeSex().setValue(sex.trim().toUpperCase(Locale.ROOT));
            }
            return hapi.getPipeParser().encode(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void header(MSH msh, String controlId, String now, String structure) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue("XDSI");
        msh.getSendingFacility().getNamespaceID().setValue("XDSI_CLI");
        msh.getReceivingApplication().getNamespaceID().setValue("XDS_REGISTRY");
        msh.getReceivingFacility().getNamespaceID().setValue("XDS");
        msh.getDateTimeOfMessage().getTime().setValue(now);
        msh.getMessageType().getMessageCode().setValue("ADT");
        msh.getMessageType().getTriggerEvent().setValue(event.name());
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId);
        msh.getProcessingID().getProcessingID().setValue("P");
        msh.getVersionID().getVersionID().setValue("2.5");
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }

    /** One MLLP exchange: the framed message out, the framed ACK back. */
    private String exchange(String host, int port, String message, int timeoutMillis) {
        String where = "mllp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(START_BLOCK);
            frame.writeBytes(message.getBytes(StandardCharsets.UTF_8));
            frame.write(END_BLOCK);
            frame.write(CARRIAGE_RETURN);
            out.write(frame.toByteArray());
            out.flush();
            return readAck(socket.getInputStream(), where);
        } catch (UnknownHostException e) {
            throw transport("cannot reach " + where + ": unknown host " + host);
        } catch (ConnectException e) {
            throw transport("cannot reach " + where + ": connection refused");
        } catch (SocketTimeoutException e) {
            throw transport(where + " did not answer within " + timeoutMillis / 1000 + " s");
        } catch (IOException e) {
            throw transport("MLLP exchange with " + where + " failed: " + describe(e));
        }
    }

    private static String readAck(InputStream in, String where) throws IOException {
        int b;
        while ((b = in.read()) != START_BLOCK) {
            if (b < 0) {
                throw transport(where + " closed the connection without an ACK");
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != END_BLOCK) {
            if (b < 0) {
                throw transport(where + " closed the connection inside the ACK");
            }
            if (ack.size() >= MAX_ACK_BYTES) {
                throw transport(where + " sent an ACK larger than " + MAX_ACK_BYTES + " bytes");
            }
            ack.write(b);
        }
        return ack.toString(StandardCharsets.UTF_8);
    }

    /** MSA-1, MSA-3 and the ERR segments of an ACK, read without a full HL7 parse. */
    record Ack(String code, String text, java.util.List<String> errors) {
        static Ack parse(String ack) {
            String code = "";
            String text = "";
            java.util.List<String> errors = new java.util.ArrayList<>();
            String[] segments = ack.split("[\r\n]+");
            if (segments.length == 0 || !segments[0].startsWith("MSH") || segments[0].length() < 8) {
                throw transport("the answer is not an HL7 ACK: " + oneLine(ack));
            }
            char fs = segments[0].charAt(3);
            char cs = segments[0].charAt(4);
            char esc = segments[0].length() > 6 ? segments[0].charAt(6) : '\\';
            for (String segment : segments) {
                String[] f = segment.split(Pattern.quote(String.valueOf(fs)), -1);
                if (f[0].equals("MSA")) {
                    code = field(f, 1);
                    text = unescape(field(f, 3), segments[0], esc);
                } else if (f[0].equals("ERR")) {
                    String where = field(f, 2).isEmpty() ? "" : " (location " + field(f, 2) + ")";
                    String what = field(f, 3).isEmpty() ? field(f, 1) : field(f, 3);
                    String[] c = what.split(Pattern.quote(String.valueOf(cs)), -1);
                    String detail = c.length > 1 ? " " + unescape(c[1], segments[0], esc) : "";
                    errors.add(c[0] + detail + where);
                }
            }
            return new Ack(code, text, errors);
        }

        private static String field(String[] f, int i) {
            return i < f.length ? f[i].trim() : "";
        }

        private static String unescape(String s, String msh, char esc) {
            if (s.indexOf(esc) < 0) {
                return s;
            }
            String e = String.valueOf(esc);
            return s.replace(e + "F" + e, String.valueOf(msh.charAt(3)))
                    .replace(e + "S" + e, String.valueOf(msh.charAt(4)))
                    .replace(e + "R" + e, String.valueOf(msh.charAt(5)))
                    .replace(e + "T" + e, msh.length() > 7 ? String.valueOf(msh.charAt(7)) : "&")
                    .replace(e + "E" + e, e);
        }
    }
}
