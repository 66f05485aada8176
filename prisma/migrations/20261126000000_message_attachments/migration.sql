-- A customer's photo, voice message, file or location, described as the channel sent it (the file itself stays with the channel).
ALTER TABLE "Message" ADD COLUMN     "attachment" JSONB;
